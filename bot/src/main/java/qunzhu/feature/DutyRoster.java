package qunzhu.feature;

import java.time.Instant;
import java.util.List;
import qunzhu.core.ChatRef;
import qunzhu.core.MemberRef;

/**
 * The human moderators on duty (值班) for a chat at a time, from the roster in config and its
 * swaps. Read-only; provided through {@link Setup#provide}; reports and escalations mention
 * them first.
 */
public interface DutyRoster {
    /** No roster: nobody is on duty, so escalations go to every moderator at once. */
    DutyRoster NONE = (chat, at) -> List.of();

    /** The moderators on duty in the chat at {@code at} (empty when nobody is). */
    List<MemberRef> onDuty(ChatRef chat, Instant at);
}
