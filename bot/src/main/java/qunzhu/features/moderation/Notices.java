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

    /** When a notice was last given, and for which message. */
    private record Told(Instant at, String messageId) {}

    private final Cache<String, Told> lastSent = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofDays(1)).build();

    /**
     * The notice for the deletion of {@code messageId} by {@code rule}, or nothing (not explained,
     * off, or told lately about another message: the same message handled again, after its group
     * was rolled back, is told again, since the first notice was rolled back with it).
     */
    List<Action> deleted(ChatRef chat, MemberRef member, String messageId, String rule, ModerationConfig p, FeatureContext ctx) {
        ModerationConfig.Notices cfg = p.notices();
        if (!cfg.enabled() || !EXPLAINED.contains(rule)) return List.of();
        Instant now = ctx.now();
        String key = chat + "|" + member.id() + "|" + rule;
        Told last = lastSent.getIfPresent(key);
        if (last != null && now.isBefore(last.at().plus(cfg.every())) && !java.util.Objects.equals(last.messageId(), messageId)) return List.of();
        lastSent.put(key, new Told(now, messageId));
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
