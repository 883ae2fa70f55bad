package qunzhu.features.verify;

import java.util.ArrayList;
import java.util.List;
import qunzhu.config.GroupSection;
import qunzhu.core.Action;
import qunzhu.core.Event;
import qunzhu.core.Role;
import qunzhu.feature.Feature;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Setup;

/**
 * Gatekeeping for newcomers: join requests, verification on join, and newcomer restrictions,
 * as the group's strategy presets them ({@link NewcomerConfig}). A join that starts a
 * verification is stopped here, so it admits nobody yet; passing emits
 * {@link Event.MemberAdmitted}, which the welcome (a feature this one never sees) answers.
 */
public final class VerifyFeature implements Feature {
    @Override public String name() { return "verify"; }

    @Override public List<GroupSection<?>> sections() { return List.of(NewcomerConfig.SECTION, JoinRequestConfig.SECTION); }

    @Override public void install(Setup s) {
        s.moveWithChat("verify_pending", "verify_messages", "verify_log", "newcomers", "join_requests");
        VerifyStore store = new VerifyStore(s.store());
        s.onChatMove((from, to, db) -> store.forgetAbsent());
        Gatekeeper g = new Gatekeeper(s, store, new Verification(s, store), new NewcomerGate(store),
                new JoinRequests(s, new JoinRequestStore(s.store())));
        s.on(Event.ButtonPressed.class, g::pressed);
        s.on(Event.JoinRequested.class, g::requested);
        s.on(Event.MemberJoined.class, g::joined);
        s.on(Event.MemberLeft.class, g::left);
        s.on(Event.MessagePosted.class, g::posted);
        s.onJob(Verification.DEADLINE, g::deadline);
    }

    private record Gatekeeper(Setup s, VerifyStore store, Verification verification, NewcomerGate gate, JoinRequests joins) {
        List<Action> pressed(Event.ButtonPressed b, FeatureContext ctx) {
            // Join notices may sit in the operators' log chat, which is not a configured group.
            if (b.data().startsWith("join:")) { ctx.stop(); return joins.pressed(b); }
            if (b.data().startsWith("verify:") && ctx.group() != null) { ctx.stop(); return verification.pressed(b, ctx); }
            return List.of();
        }

        List<Action> requested(Event.JoinRequested r, FeatureContext ctx) {
            return ctx.group() == null ? List.of() : joins.requested(r, ctx);
        }

        List<Action> joined(Event.MemberJoined j, FeatureContext ctx) {
            if (ctx.group() == null) return List.of();
            NewcomerConfig cfg = NewcomerConfig.of(ctx.group());
            if (j.member().bot() || s.accounts().isOwnAccount(j.chat().platform(), j.member().id())) return List.of();
            if (ctx.roleOf(j.member()).atLeast(Role.MODERATOR)) return List.of();
            gate.joined(j, cfg);
            List<Action> out = new ArrayList<>();
            if (cfg.verifies() && !joins.approvedLately(j.chat(), j.member().id())) {
                out.addAll(verification.joined(j, ctx, cfg));
                // Not admitted yet: later features (the welcome) wait for MemberAdmitted.
                ctx.stop();
            }
            return out;
        }

        List<Action> left(Event.MemberLeft l, FeatureContext ctx) {
            return ctx.group() == null ? List.of() : verification.left(l, ctx);
        }

        List<Action> posted(Event.MessagePosted m, FeatureContext ctx) {
            if (ctx.group() == null || m.author() == null) return List.of();
            NewcomerConfig cfg = NewcomerConfig.of(ctx.group());
            VerifyStore.Pending p = store.pending(m.chat(), m.author().id());
            if (p != null) {
                ctx.stop();
                return verification.posted(m, p, ctx, cfg);
            }
            return gate.posted(m, ctx, cfg);
        }

        List<Action> deadline(qunzhu.schedule.Job job, FeatureContext ctx) {
            return job.chat() == null ? List.of() : verification.deadline(job, ctx);
        }
    }
}
