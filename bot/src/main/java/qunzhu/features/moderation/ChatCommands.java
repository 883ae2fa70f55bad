package qunzhu.features.moderation;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.feature.Arg;
import qunzhu.feature.CommandCall;
import qunzhu.feature.CommandSpec;
import qunzhu.text.DurationText;
import qunzhu.feature.Setup;
import qunzhu.feature.UsageException;
import qunzhu.text.Normalizer;

/** /filter add|remove|list, /lock and /unlock links|media|forwards, /antiraid on|off|<duration>. */
final class ChatCommands {
    private static final Set<String> LOCKABLE = Set.of("links", "media", "forwards");

    private final ChatState state;
    private final Raid raid;

    ChatCommands(ChatState state, Raid raid) {
        this.state = state;
        this.raid = raid;
    }

    void install(Setup s) {
        // Sub-commands of their own: the handlers read the words.
        Arg words = Arg.text("words").optional();
        s.command(CommandSpec.of("filter").moderator().groupOnly().arg(words).handler(this::filter));
        s.command(CommandSpec.of("lock").moderator().groupOnly().arg(words).handler(c -> lock(c, true)));
        s.command(CommandSpec.of("unlock").moderator().groupOnly().arg(words).handler(c -> lock(c, false)));
        s.command(CommandSpec.of("antiraid").moderator().groupOnly().arg(words).handler(this::antiraid));
    }

    private List<Action> filter(CommandCall call) {
        List<String> a = call.words();
        ChatRef chat = call.message().chat();
        String sub = a.isEmpty() ? "" : a.get(0).toLowerCase(Locale.ROOT);
        switch (sub) {
            case "add" -> {
                if (a.size() < 4 || !Verdict.Kind.keys().contains(a.get(2)) || a.get(2).equals("off")) throw new UsageException(null);
                String keyword = Normalizer.forMatching(String.join(" ", a.subList(3, a.size())));
                state.addRule(chat, a.get(1), keyword, Verdict.Kind.of(a.get(2)), call.caller().id(), call.ctx().now());
                return List.of(call.reply("moderator", call.ctx().text("moderation.filter_added", "name", a.get(1), "keyword", keyword,
                        "action", call.ctx().text("moderation.kind." + a.get(2)))));
            }
            case "remove" -> {
                if (a.size() != 2) throw new UsageException(null);
                boolean removed = state.removeRule(chat, a.get(1));
                return List.of(call.reply("moderator", call.ctx().text(removed ? "moderation.filter_removed" : "moderation.filter_unknown", "name", a.get(1))));
            }
            case "list" -> {
                ModerationConfig p = ModerationFeature.policy(call.ctx());
                StringBuilder out = new StringBuilder(call.ctx().text("moderation.filter_list"));
                for (Rule r : p.blocklist()) out.append("\n• ").append(r.name()).append(" → ").append(call.ctx().text("moderation.kind." + r.action().key()));
                for (Rule r : state.rules(chat)) out.append("\n• ").append(r.name()).append(" (").append(r.keywords().get(0)).append(") → ")
                        .append(call.ctx().text("moderation.kind." + r.action().key()));
                out.append("\n• ads → ").append(call.ctx().text("moderation.kind." + p.ads().key()));
                out.append("\n• links → ").append(call.ctx().text("moderation.kind." + p.links().action().key()));
                out.append("\n• flood → ").append(call.ctx().text("moderation.kind." + p.flood().action().key()));
                return List.of(call.reply("moderator", out.toString()));
            }
            default -> throw new UsageException(null);
        }
    }

    private List<Action> lock(CommandCall call, boolean on) {
        if (call.words().size() != 1 || !LOCKABLE.contains(call.words().get(0))) throw new UsageException(null);
        state.lock(call.message().chat(), call.words().get(0), on);
        return List.of(call.reply("moderator", call.ctx().text(on ? "moderation.locked" : "moderation.unlocked", "what", call.words().get(0))));
    }

    private List<Action> antiraid(CommandCall call) {
        if (call.words().size() != 1) throw new UsageException(null);
        String arg = call.words().get(0).toLowerCase(Locale.ROOT);
        ChatRef chat = call.message().chat();
        if (arg.equals("off")) {
            raid.off(chat);
            return List.of(call.reply("moderator", call.ctx().text("moderation.raid_off")));
        }
        Duration length = arg.equals("on") ? ModerationFeature.policy(call.ctx()).raid().length() : DurationText.parse(arg);
        if (length == null) throw new UsageException(null);
        state.raid(chat, call.ctx().now().plus(length));
        return List.of(call.reply("moderator", call.ctx().text("moderation.raid_on_manual", "length", call.ctx().duration(length))));
    }
}
