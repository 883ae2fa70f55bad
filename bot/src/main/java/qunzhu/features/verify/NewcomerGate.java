package qunzhu.features.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import qunzhu.core.Action;
import qunzhu.core.Event;
import qunzhu.core.Role;
import qunzhu.feature.FeatureContext;
import qunzhu.text.Links;
import qunzhu.text.Normalizer;

/**
 * Newcomer restrictions: for the first {@code restrictFor} or the first
 * {@code restrictMessages} kept messages after joining, whichever ends first, a newcomer's
 * links, media and forwards are removed with a short notice saying when that ends.
 * Removed messages do not count towards the allowance, or a spammer could post junk to
 * earn a link. Moderators and operators are exempt.
 */
final class NewcomerGate {
    private static final Duration NOTICE_LIFETIME = Duration.ofMinutes(1);

    private final VerifyStore store;

    NewcomerGate(VerifyStore store) { this.store = store; }

    void joined(Event.MemberJoined j, NewcomerConfig cfg) {
        if (cfg.restricts()) store.joined(j.chat(), j.member().id(), j.at());
    }

    List<Action> posted(Event.MessagePosted m, FeatureContext ctx, NewcomerConfig cfg) {
        VerifyStore.Newcomer n = store.newcomer(m.chat(), m.author().id());
        if (n == null) return List.of();
        Instant until = n.joined().plus(cfg.restrictFor());
        if (!cfg.restricts() || !ctx.now().isBefore(until) || n.messages() >= cfg.restrictMessages()) {
            store.graduated(m.chat(), m.author().id());
            return List.of();
        }
        if (ctx.roleOf(m.author()).atLeast(Role.MODERATOR)) return List.of();
        boolean offending = m.media() || m.forwarded() || Links.hasLink(Normalizer.forJudging(m.text()));
        if (!offending) {
            store.counted(m.chat(), m.author().id());
            if (n.messages() + 1 >= cfg.restrictMessages()) store.graduated(m.chat(), m.author().id());
            return List.of();
        }
        ctx.stop();
        String notice = ctx.text("verify.restricted", "name", m.author().name(),
                "period", ctx.duration(cfg.restrictFor()), "count", cfg.restrictMessages(),
                "left", ctx.duration(Duration.between(ctx.now(), until)), "messages_left", cfg.restrictMessages() - n.messages());
        return List.of(new Action.Delete(m.chat(), m.messageId(), "newcomer link or media"),
                Action.Send.of(m.chat(), "host", notice).deletingAfter(NOTICE_LIFETIME));
    }
}
