package qunzhu.features.moderation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.MemberRef;
import qunzhu.core.PersonaRole;
import qunzhu.core.Priority;
import qunzhu.feature.FeatureContext;

/**
 * Tells a member why their message vanished when a rule they could not have known deleted it
 * (links, invites, locks, night mode, channel forwards). Ads, floods and ad waves get no
 * explanation: that would only teach a spammer. At most one notice per member, chat and rule
 * within the group's {@code notices.every}; the times are kept in memory (a restart may let one
 * extra notice through).
 */
final class Notices {
    /** The rules whose deletions are explained. */
    static final Set<String> EXPLAINED = Set.of(ModerationConfig.LINKS, ModerationConfig.INVITES, ModerationConfig.FORWARDS,
            ModerationConfig.NIGHT, "lock_links", "lock_media", "lock_forwards");

    private final Cache<String, Instant> lastSent = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofDays(1)).build();

    /** The notice for a deletion by {@code rule}, or nothing (not explained, off, or told lately). */
    List<Action> deleted(ChatRef chat, MemberRef member, String rule, ModerationConfig p, FeatureContext ctx) {
        ModerationConfig.Notices cfg = p.notices();
        if (!cfg.enabled() || !EXPLAINED.contains(rule)) return List.of();
        Instant now = ctx.now();
        String key = chat + "|" + member.id() + "|" + rule;
        Instant last = lastSent.getIfPresent(key);
        if (last != null && now.isBefore(last.plus(cfg.every()))) return List.of();
        lastSent.put(key, now);
        Action.Send notice = Action.Send.of(chat, PersonaRole.MODERATOR, text(rule, member, p, ctx)).withPriority(Priority.MODERATION);
        return List.of(cfg.deleteAfter() == null ? notice : notice.deletingAfter(cfg.deleteAfter()));
    }

    private static String text(String rule, MemberRef member, ModerationConfig p, FeatureContext ctx) {
        String name = member.name();
        return switch (rule) {
            case ModerationConfig.LINKS -> p.links().allow().isEmpty() ? ctx.text(PersonaRole.MODERATOR, "moderation.notice.links_none", "name", name)
                    : ctx.text(PersonaRole.MODERATOR, "moderation.notice.links", "name", name, "allow", String.join(ctx.locale().startsWith("zh") ? "、" : ", ", p.links().allow()));
            case ModerationConfig.NIGHT -> ctx.text(PersonaRole.MODERATOR, "moderation.notice.night", "name", name, "from", p.night().from(), "to", p.night().to());
            default -> ctx.text(PersonaRole.MODERATOR, "moderation.notice." + rule, "name", name);
        };
    }
}
