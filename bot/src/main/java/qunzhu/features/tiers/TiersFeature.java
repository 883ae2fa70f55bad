package qunzhu.features.tiers;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import qunzhu.config.GroupConfig;
import qunzhu.config.GroupSection;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.MemberRef;
import qunzhu.feature.Arg;
import qunzhu.feature.CommandCall;
import qunzhu.feature.CommandSpec;
import qunzhu.feature.Feature;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.MemberTiers;
import qunzhu.feature.Points;
import qunzhu.feature.Provided;
import qunzhu.feature.Setup;
import qunzhu.store.History;

/**
 * Computes member tiers from the log on each question (no tables of its own: the log is the
 * truth, and a changed threshold applies at once), provides them as {@link MemberTiers}, and
 * answers moderators' {@code /whois @member}.
 */
public final class TiersFeature implements Feature {
    @Override public String name() { return "tiers"; }

    @Override public List<GroupSection<?>> sections() { return List.of(TiersConfig.SECTION); }

    @Override public void install(Setup s) {
        Tiers tiers = new Tiers(s, s.history(), s.find(Points.class));
        s.provide(MemberTiers.class, tiers);
        s.command(CommandSpec.of("whois").moderator().groupOnly().arg(Arg.member("member")).handler(tiers::whois));
    }

    private record Tiers(Setup s, History history, Provided<Points> points) implements MemberTiers {
        private TiersConfig config(ChatRef chat) {
            GroupConfig g = s.group(chat);
            return g == null ? TiersConfig.DEFAULT : g.section(TiersConfig.class);
        }

        private Map<String, Tiering.Placed> placed(ChatRef chat) {
            TiersConfig cfg = config(chat);
            Instant now = s.clock().instant();
            return Tiering.place(history.seats(chat), history.messageCounts(chat, now.minus(cfg.window()), now.plusMillis(1)),
                    history.messageCounts(chat, now.minus(cfg.silentFor()), now.plusMillis(1)), now, cfg);
        }

        @Override public Tier tierOf(ChatRef chat, String memberId) {
            Tiering.Placed p = placed(chat).get(memberId);
            return p == null ? null : p.tier();
        }

        @Override public List<String> members(ChatRef chat, Tier tier) {
            return byTier(chat).getOrDefault(tier, List.of());
        }

        @Override public Map<Tier, List<String>> byTier(ChatRef chat) {
            Map<Tier, List<String>> out = new java.util.EnumMap<>(Tier.class);
            placed(chat).values().stream()
                    .sorted(Comparator.comparingLong((Tiering.Placed p) -> -p.windowMessages()).thenComparing(Tiering.Placed::memberId))
                    .forEach(p -> out.computeIfAbsent(p.tier(), t -> new java.util.ArrayList<>()).add(p.memberId()));
            return out;
        }

        List<Action> whois(CommandCall call) {
            FeatureContext ctx = call.ctx();
            ChatRef chat = call.message().chat();
            MemberRef who = call.args().member("member");
            History.Seat seat = history.seat(chat, who.id());
            if (seat == null) return List.of(call.reply(ctx.text("tiers.whois_unknown", "name", who.name())));
            Tiering.Placed p = placed(chat).get(who.id());
            TiersConfig cfg = config(chat);
            Instant since = seat.joined() != null ? seat.joined() : seat.firstSeen();
            Instant last = history.lastMessageAt(chat, who.id(), ctx.now());
            String text = ctx.text("tiers.whois", "name", seat.name() == null ? who.name() : seat.name(), "id", who.id(),
                    "tier", ctx.text("tiers.tier." + p.tier().name().toLowerCase(Locale.ROOT)),
                    "since", day(ctx, since), "messages", p.windowMessages(), "days", cfg.window().toDays(),
                    "last", last == null ? ctx.text("tiers.never") : day(ctx, last),
                    "points", points.orElse(Points.NONE).balance(chat, who.id()));
            if (seat.left() != null) text += "\n" + ctx.text("tiers.whois_left", "when", day(ctx, seat.left()));
            return List.of(call.reply(text));
        }

        private static String day(FeatureContext ctx, Instant at) { return at.atZone(ctx.zone()).toLocalDate().toString(); }
    }
}
