package qunzhu.features.announce;

import java.util.ArrayList;
import java.util.List;
import qunzhu.config.GroupConfig;
import qunzhu.core.Action;
import qunzhu.core.PersonaRole;
import qunzhu.core.Role;
import qunzhu.feature.Arg;
import qunzhu.feature.CommandCall;
import qunzhu.feature.CommandSpec;
import qunzhu.feature.Feature;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Setup;
import qunzhu.feature.UsageException;

/**
 * /announce posts an announcement through the host persona and pins it where the platform
 * can pin; where it cannot, the announcement still goes out and the moderator is told to pin
 * it by hand. {@code /announce profile <text>} reaches every configured group sharing this
 * group's profile: operators may always, moderators only when they moderate all of them.
 */
public final class AnnounceFeature implements Feature {
    @Override public String name() { return "announce"; }

    @Override public void install(Setup s) {
        Announcer a = new Announcer(s);
        s.command(CommandSpec.of("announce").alias("公告").moderator().groupOnly().arg(Arg.text("text")).handler(a::announce));
    }

    private record Announcer(Setup services) {
        List<Action> announce(CommandCall call) {
            FeatureContext ctx = call.ctx();
            GroupConfig here = ctx.group();
            List<GroupConfig> targets = new ArrayList<>();
            String body = call.rest();
            if (call.words().get(0).equals("profile")) {
                body = call.rest().substring("profile".length()).strip();
                if (body.isEmpty()) throw new UsageException(null);
                if (here.profile() == null) return List.of(call.reply(ctx.text("announce.no_profile", "group", here.title())));
                for (GroupConfig g : services.config().groups().values()) if (here.profile().equals(g.profile())) targets.add(g);
                if (call.role() != Role.OPERATOR) {
                    for (GroupConfig g : targets) {
                        if (!services.roles().confirmed(g.chat(), call.caller()).atLeast(Role.MODERATOR)) {
                            return List.of(call.reply(ctx.text("announce.profile_denied", "profile", here.profile(), "group", g.title())));
                        }
                    }
                }
            } else {
                targets.add(here);
            }
            List<Action> out = new ArrayList<>();
            List<String> unpinned = new ArrayList<>();
            for (GroupConfig g : targets) {
                Action.Send post = Action.Send.of(g.chat(), PersonaRole.HOST, ctx.textIn(g.chat(), PersonaRole.HOST, "announce.post", "text", body));
                if (services.accounts().capabilities(g.chat()).can(Action.Pin.class)) post = post.pinned();
                else unpinned.add(g.title());
                out.add(post);
            }
            String done = targets.size() == 1 && targets.get(0) == here ? ctx.text("announce.posted")
                    : ctx.text("announce.posted_profile", "count", targets.size(), "profile", here.profile());
            if (!unpinned.isEmpty()) done = done + "\n" + ctx.text("announce.not_pinned", "groups", String.join(", ", unpinned));
            out.add(call.reply(done));
            return out;
        }
    }
}
