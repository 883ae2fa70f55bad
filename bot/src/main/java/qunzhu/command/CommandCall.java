package qunzhu.command;

import java.util.List;
import qunzhu.core.Action;
import qunzhu.core.Event;
import qunzhu.core.MemberRef;
import qunzhu.core.Role;
import qunzhu.feature.FeatureContext;

/** One invocation: the message, the parsed arguments and the caller's role at call time. */
public record CommandCall(Command command, Event.MessagePosted message, List<String> args, String rest,
                          Role role, FeatureContext ctx) {
    public CommandCall { args = List.copyOf(args); }

    public MemberRef caller() { return message.author(); }

    /** A reply to the caller's message through {@code persona}. */
    public Action.Send reply(String persona, String text) {
        return Action.Send.of(message.chat(), persona, text).replyingTo(message.messageId());
    }

    public Action.Send reply(String text) { return reply("host", text); }
}
