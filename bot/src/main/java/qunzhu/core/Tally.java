package qunzhu.core;

/**
 * What an {@link Event.Counted} counts, for the digests. Each feature emits its own kinds;
 * the reports feature keeps them per chat and day and shows them by name.
 */
public enum Tally {
    /** A member checked in (签到); value is the streak length. */
    CHECKIN,
    /** A quiz round started; value is the number of questions. */
    QUIZ_ROUND,
    /** A member answered a quiz question; value 1 when right, 0 when wrong. */
    QUIZ_ANSWER,
    /** A member joined a lottery. */
    LOTTERY_ENTRY,
    /** A lottery was drawn; value is the number of entries. */
    LOTTERY_DRAWN,
    /** A member voted in a poll (a changed vote counts again only as a change, value 0). */
    POLL_VOTE,
    /** A member sent /feedback; detail is the text. */
    FEEDBACK,
    /** A member asked a question (首问必答). */
    QUESTION_ASKED,
    /** A question got its first answer; value is the seconds it waited. */
    QUESTION_ANSWERED,
    /** A question was flagged to the on-duty moderators, unanswered. */
    QUESTION_FLAGGED,
    /** The calendar posted an entry; detail is "entry/persona". */
    CALENDAR_POST,
    /** A message was marked as a highlight (精华). */
    HIGHLIGHT,
    /** A member someone invited stayed past the grace period; member is the inviter. */
    INVITE_ACCEPTED,
    /** A member reported a message to the moderators (/report). */
    MEMBER_REPORT,
    /** A moderation action was applied; detail is "kind/rule". */
    MODERATION_ACTION,
    /** A newcomer passed verification. */
    VERIFY_PASSED,
    /** A newcomer failed verification (wrong answers). */
    VERIFY_FAILED,
    /** A newcomer's verification timed out. */
    VERIFY_TIMED_OUT
}
