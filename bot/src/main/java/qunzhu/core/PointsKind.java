package qunzhu.core;

/** What a points ledger entry is. Spend and claw-back carry a negative delta, the others a positive one. */
public enum PointsKind {
    /** Earned by taking part: a check-in, a right answer, a highlight, an accepted invite, daily activity. */
    EARN,
    /** Paid by the member (a lottery entry that costs points). */
    SPEND,
    /** Taken back because its cause was undone (an invitee left within the grace period). */
    CLAWBACK,
    /** Given or taken by an operator (/givepoints), with a reason. */
    GRANT
}
