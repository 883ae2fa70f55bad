package qunzhu.feature;

import java.util.List;
import qunzhu.core.Action;
import qunzhu.core.Event;
import qunzhu.core.MemberRef;
import qunzhu.core.Role;

/** One invocation: the message, the parsed arguments and the caller's role at call time. */
public record CommandCall(CommandSpec command, Event.MessagePosted message, Args args, Role role, FeatureContext ctx) {
    public MemberRef caller() { return message.author(); }

    /** The raw words after the command. */
    public List<String> words() { return args.words(); }

    /** The raw line after the command, stripped. */
    public String rest() { return args.line(); }

    /** A reply to the caller's message through {@code persona}. */
    public Action.Send reply(String persona, String text) {
        return Action.Send.of(message.chat(), persona, text).replyingTo(message.messageId());
    }

    public Action.Send reply(String text) { return reply("host", text); }
}
