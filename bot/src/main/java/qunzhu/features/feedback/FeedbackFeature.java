package qunzhu.features.feedback;

import java.util.ArrayList;
import java.util.List;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import qunzhu.core.PersonaRole;
import qunzhu.core.Tally;
import qunzhu.feature.Arg;
import qunzhu.feature.CommandCall;
import qunzhu.feature.CommandSpec;
import qunzhu.feature.Feature;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Setup;

/**
 * {@code /feedback <text>} (反馈) from any member, in a group or wherever else a message reaches
 * the bot: stored (table feedback), acknowledged with its number, forwarded to the log chat
 * ({@code bot.log_chat}) through the reporter, and counted ({@link Tally#FEEDBACK} with the
 * text as detail) so the next digest lists it.
 */
public final class FeedbackFeature implements Feature {
    /** Longest feedback kept, in characters; longer text is cut with an ellipsis. */
    static final int MAX_CHARS = 2000;

    @Override public String name() { return "feedback"; }

    @Override public void install(Setup s) {
        s.moveWithChat("feedback");
        s.command(CommandSpec.of("feedback").alias("反馈").arg(Arg.text("text").missing("feedback.need_text"))
                .handler(call -> take(s, call)));
    }

    private static List<Action> take(Setup s, CommandCall call) {
        FeatureContext ctx = call.ctx();
        Event.MessagePosted m = call.message();
        MemberRef who = m.author();
        String text = call.args().text("text");
        if (text.codePointCount(0, text.length()) > MAX_CHARS) text = text.substring(0, text.offsetByCodePoints(0, MAX_CHARS)) + "…";
        ChatRef chat = m.chat();
        long id = s.store().insert("""
                INSERT INTO feedback (platform, chat_id, member_id, member_name, text, at_ms) VALUES (?, ?, ?, ?, ?, ?)""",
                chat.platform(), chat.id(), who.id(), who.name(), text, m.at().toEpochMilli());
        ctx.emit(new Event.Counted(EventKey.of(chat, "feedback:" + id), chat, m.at(), m.account(), who, Tally.FEEDBACK, 1, text));
        List<Action> out = new ArrayList<>();
        out.add(call.reply(ctx.text("feedback.thanks", "name", who.name(), "id", id)));
        ChatRef log = s.config().logChat();
        if (log != null && !log.equals(chat)) {
            String where = ctx.group() != null ? ctx.groupTitle() : chat.isPrivate() ? ctx.text("feedback.private_chat") : chat.toString();
            out.add(Action.Send.of(log, PersonaRole.REPORTER, s.texts().format(s.config().locale(), "feedback.forward",
                    "id", id, "name", who.name(), "member", who.id(), "group", where, "text", text)));
        }
        return out;
    }
}
