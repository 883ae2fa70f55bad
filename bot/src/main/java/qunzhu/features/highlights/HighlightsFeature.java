package qunzhu.features.highlights;

import java.util.ArrayList;
import java.util.List;
import qunzhu.config.GroupConfig;
import qunzhu.config.GroupSection;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import qunzhu.core.PersonaRole;
import qunzhu.core.PointsKind;
import qunzhu.core.Tally;
import qunzhu.feature.CommandCall;
import qunzhu.feature.CommandSpec;
import qunzhu.feature.Feature;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Setup;
import qunzhu.feature.UsageException;
import qunzhu.text.MessageLinks;

/**
 * Highlights (精华). {@code /highlight} as a reply marks the replied message: it is kept with its
 * author, an excerpt and who marked it; the author earns the configured points (a
 * {@link Event.PointsChanged} with source {@code highlight:<group>#<message>}, so one message
 * pays once) and a {@link Tally#HIGHLIGHT} is counted. The recap, on the calendar's "recap"
 * trigger or a moderator's /recap, posts the span's highlights with authors, excerpts and
 * links, and with {@code repost_to_profile} also in the profile's other groups, saying where
 * they come from. Reactions are not read: no adapter reports them yet.
 */
public final class HighlightsFeature implements Feature {
    static final String TRIGGER = "recap";
    private static final int EXCERPT = 100;

    @Override public String name() { return "highlights"; }

    @Override public List<GroupSection<?>> sections() { return List.of(HighlightsConfig.SECTION); }

    @Override public void install(Setup s) {
        s.moveWithChat("highlights");
        Highlights h = new Highlights(s, new HighlightsStore(s.store()));
        s.command(CommandSpec.of("highlight").alias("精华").moderator().groupOnly().handler(h::mark));
        s.command(CommandSpec.of("recap").alias("精华回顾").moderator().groupOnly().handler(h::recapNow));
        s.on(Event.Triggered.class, h::triggered);
    }

    private record Highlights(Setup s, HighlightsStore store) {
        private static HighlightsConfig config(GroupConfig g) { return g.section(HighlightsConfig.class); }

        List<Action> mark(CommandCall call) {
            FeatureContext ctx = call.ctx();
            Event.MessagePosted m = call.message();
            MemberRef author = m.replyToAuthor();
            if (m.replyToId() == null || author == null) throw new UsageException(ctx.text("highlights.need_reply"));
            ChatRef chat = m.chat();
            if (author.bot() || s.accounts().isOwnAccount(chat.platform(), author.id())) {
                return List.of(call.reply(ctx.text("highlights.not_bot")));
            }
            String text = s.history().messageText(chat, m.replyToId());
            String name = s.history().memberName(chat.platform(), author.id());
            HighlightsStore.Highlight h = new HighlightsStore.Highlight(chat, m.replyToId(), author.id(), name == null ? author.name() : name,
                    excerpt(text), call.caller().id(), ctx.now());
            if (!store.mark(h)) return List.of(call.reply(ctx.text("highlights.already", "name", h.authorName())));
            int points = config(ctx.group()).points();
            String where = ctx.group().key();
            if (points > 0) {
                ctx.emit(new Event.PointsChanged(EventKey.of(chat, "highlight:" + m.replyToId()), chat, ctx.now(), null,
                        MemberRef.of(author.id(), h.authorName()), points, PointsKind.EARN, "highlight", "highlight:" + where + "#" + m.replyToId()));
            }
            ctx.emit(new Event.Counted(EventKey.of(chat, "highlight-count:" + m.replyToId()), chat, ctx.now(), null,
                    MemberRef.of(author.id(), h.authorName()), Tally.HIGHLIGHT, 1, h.excerpt()));
            String done = points > 0 ? ctx.text("highlights.marked_points", "name", h.authorName(), "points", points)
                    : ctx.text("highlights.marked", "name", h.authorName());
            return List.of(Action.Send.of(chat, PersonaRole.HOST, done).replyingTo(m.replyToId()));
        }

        List<Action> recapNow(CommandCall call) { return recap(call.ctx(), PersonaRole.HOST, false); }

        List<Action> triggered(Event.Triggered t, FeatureContext ctx) {
            if (!TRIGGER.equals(t.trigger()) || ctx.group() == null) return List.of();
            return recap(ctx, t.persona() == null ? PersonaRole.HOST : t.persona(), t.late());
        }

        /** The recap in this chat, and in the profile's other groups when configured. */
        private List<Action> recap(FeatureContext ctx, PersonaRole persona, boolean late) {
            GroupConfig here = ctx.group();
            HighlightsConfig c = config(here);
            List<HighlightsStore.Highlight> week = store.between(here.chat(), ctx.now().minus(c.recapSpan()), ctx.now());
            List<Action> out = new ArrayList<>();
            String days = Long.toString(c.recapSpan().toDays());
            StringBuilder text = new StringBuilder();
            if (late) text.append(ctx.phrase(persona, "highlights.late")).append('\n');
            if (week.isEmpty()) {
                text.append(ctx.text(persona, "highlights.recap_empty", "group", here.title(), "days", days));
                out.add(Action.Send.of(here.chat(), persona, text.toString()));
                return out;
            }
            text.append(ctx.phrase(persona, "highlights.recap_header", "group", here.title(), "count", week.size(), "days", days));
            for (String line : lines(week, here.locale())) text.append('\n').append(line);
            out.add(Action.Send.of(here.chat(), persona, ctx.signed(persona, text.toString())));
            if (c.repostToProfile() && here.profile() != null) {
                for (GroupConfig g : s.config().groups().values()) {
                    if (g.chat().equals(here.chat()) || !here.profile().equals(g.profile())) continue;
                    StringBuilder other = new StringBuilder(s.texts().format(g.locale(), "highlights.repost_header", "group", here.title(),
                            "count", week.size(), "days", days));
                    for (String line : lines(week, g.locale())) other.append('\n').append(line);
                    out.add(Action.Send.of(g.chat(), persona, other.toString()));
                }
            }
            return out;
        }

        private List<String> lines(List<HighlightsStore.Highlight> week, String locale) {
            List<String> out = new ArrayList<>();
            int i = 1;
            for (HighlightsStore.Highlight h : week) {
                String link = MessageLinks.of(h.chat(), h.messageId(), sandboxBase());
                out.add(s.texts().format(locale, link == null ? "highlights.line" : "highlights.line_link", "n", i++, "name", h.authorName(),
                        "excerpt", h.excerpt(), "link", link == null ? "" : link));
            }
            return out;
        }

        private String sandboxBase() {
            var sb = s.config().sandbox();
            return sb == null || !sb.enabled() ? null : "http://" + (sb.host().contains(":") ? "[" + sb.host() + "]" : sb.host()) + ":" + sb.port();
        }

        private static String excerpt(String text) {
            if (text == null || text.isBlank()) return "…";
            String t = text.strip().replaceAll("\\s+", " ");
            return t.length() <= EXCERPT ? t : t.substring(0, EXCERPT) + "…";
        }
    }
}
