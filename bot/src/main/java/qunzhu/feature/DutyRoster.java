package qunzhu.feature;

import java.time.Duration;
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

    /**
     * How long the on-duty moderators have to react to a report or an escalation in the chat
     * before every moderator is mentioned (the roster's {@code escalate_after}; 10 minutes by default).
     */
    default Duration escalateAfter(ChatRef chat) { return Duration.ofMinutes(10); }
}
