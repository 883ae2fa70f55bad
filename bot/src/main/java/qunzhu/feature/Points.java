package qunzhu.feature;

import qunzhu.core.ChatRef;

/**
 * Members' point balances in a chat, as the points feature keeps them (an append-only ledger
 * fed by {@link qunzhu.core.Event.PointsChanged}). Read-only; provided through
 * {@link Setup#provide}. A feature that charges points checks the balance here and emits a
 * SPEND entry in the same transaction.
 */
public interface Points {
    /** Nobody keeps points: every balance is 0. */
    Points NONE = (chat, memberId) -> 0;

    /** The member's balance in the chat (0 for a member with no entries). */
    long balance(ChatRef chat, String memberId);
}
