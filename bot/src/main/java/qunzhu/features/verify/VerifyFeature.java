package qunzhu.features.verify;

import java.util.ArrayList;
import java.util.List;
import qunzhu.config.GroupSection;
import qunzhu.core.Action;
import qunzhu.core.Event;
import qunzhu.core.Role;
import qunzhu.feature.Feature;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Services;
import qunzhu.features.welcome.WelcomeFeature;
import qunzhu.schedule.Job;

/**
 * Gatekeeping for newcomers: join requests, verification on join, and newcomer restrictions,
 * as the group's strategy presets them ({@link NewcomerConfig}). The welcome waits until a
 * member passes verification; this feature then asks the welcome feature to greet them, so
 * the welcome text is built in one place.
 */
public final class VerifyFeature implements Feature {
    private final WelcomeFeature welcome;
    private Services services;
    private VerifyStore store;
    private Verification verification;
    private NewcomerGate gate;
    private JoinRequests joins;

    public VerifyFeature(WelcomeFeature welcome) {
        this.welcome = welcome;
        welcome.holdWhile((chat, member) -> store != null && store.pending(chat, member.id()) != null);
    }

    @Override public String name() { return "verify"; }

    @Override public void init(Services s) {
        services = s;
        store = new VerifyStore(s.db());
        verification = new Verification(s, store, welcome::greet);
        gate = new NewcomerGate(store);
        joins = new JoinRequests(s, new JoinRequestStore(s.db()));
    }

    @Override public List<GroupSection<?>> sections() { return List.of(NewcomerConfig.SECTION, JoinRequestConfig.SECTION); }

    @Override
    public List<Action> on(Event event, FeatureContext ctx) {
        if (event instanceof Event.ButtonPressed b) {
            // Join notices may sit in the operators' log chat, which is not a configured group.
            if (b.data().startsWith("join:")) { ctx.stop(); return joins.pressed(b); }
            if (b.data().startsWith("verify:") && ctx.group() != null) { ctx.stop(); return verification.pressed(b, ctx); }
            return List.of();
        }
        if (ctx.group() == null) return List.of();
        NewcomerConfig cfg = NewcomerConfig.of(ctx.group());
        if (event instanceof Event.JoinRequested r) return joins.requested(r, ctx);
        if (event instanceof Event.MemberJoined j) return joined(j, ctx, cfg);
        if (event instanceof Event.MemberLeft l) return verification.left(l, ctx);
        if (event instanceof Event.MessagePosted m && m.author() != null) {
            VerifyStore.Pending p = store.pending(m.chat(), m.author().id());
            if (p != null) {
                ctx.stop();
                return verification.posted(m, p, ctx, cfg);
            }
            return gate.posted(m, ctx, cfg);
        }
        return List.of();
    }

    private List<Action> joined(Event.MemberJoined j, FeatureContext ctx, NewcomerConfig cfg) {
        if (j.member().bot() || services.accounts().isOwnAccount(j.chat().platform(), j.member().id())) return List.of();
        if (ctx.roleOf(j.member()).atLeast(Role.MODERATOR)) return List.of();
        gate.joined(j, cfg);
        List<Action> out = new ArrayList<>();
        if (cfg.verifies() && !joins.approvedLately(j.chat(), j.member().id())) out.addAll(verification.joined(j, ctx, cfg));
        return out;
    }

    @Override
    public List<Action> onJob(Job job, FeatureContext ctx) {
        if (Verification.DEADLINE.equals(job.kind()) && job.chat() != null) return verification.deadline(job, ctx);
        return List.of();
    }
}
