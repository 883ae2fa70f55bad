package qunzhu.features.questions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import qunzhu.config.GroupConfig;
import qunzhu.config.GroupSection;
import qunzhu.core.Action;
import qunzhu.core.Admin;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import qunzhu.core.PersonaRole;
import qunzhu.core.Role;
import qunzhu.core.Tally;
import qunzhu.feature.DutyRoster;
import qunzhu.feature.Feature;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.MemberTiers;
import qunzhu.feature.Provided;
import qunzhu.feature.Setup;
import qunzhu.schedule.Job;
import qunzhu.text.MessageLinks;

/**
 * 首问必答. A question (see {@link QuestionsConfig#isQuestion}) from a newcomer (or anyone, as
 * configured) is kept until its first answer: a reply to it by someone else, or (configured)
 * the next message of a moderator. Unanswered after {@code flag_after}, the moderator persona
 * mentions the on-duty moderators (every moderator when nobody is on duty) with a link to it;
 * still unanswered after {@code hold_after}, the expert persona replies with the holding
 * answer. Questions and both steps are rows and jobs in the store, so a restart loses none.
 */
public final class QuestionsFeature implements Feature {
    static final String FLAG = "flag";
    static final String HOLD = "hold";
    private static final int EXCERPT = 80;

    @Override public String name() { return "questions"; }

    @Override public List<GroupSection<?>> sections() { return List.of(QuestionsConfig.SECTION); }

    @Override public void install(Setup s) {
        s.moveWithChat("questions", "question_joins");
        Questions q = new Questions(s, new QuestionsStore(s.store()), s.find(DutyRoster.class), s.find(MemberTiers.class));
        s.on(Event.MemberJoined.class, q::joined);
        s.on(Event.MessagePosted.class, q::posted);
        s.onJob(FLAG, q::flag);
        s.onJob(HOLD, q::hold);
    }

    private record Questions(Setup s, QuestionsStore store, Provided<DutyRoster> roster, Provided<MemberTiers> tiers) {
        private static QuestionsConfig config(FeatureContext ctx) {
            return ctx.group() == null ? null : ctx.group().section(QuestionsConfig.class);
        }

        List<Action> joined(Event.MemberJoined j, FeatureContext ctx) {
            QuestionsConfig c = config(ctx);
            if (c != null && c.enabled()) store.joined(j.chat(), j.member().id(), j.at());
            return List.of();
        }

        List<Action> posted(Event.MessagePosted m, FeatureContext ctx) {
            QuestionsConfig c = config(ctx);
            if (c == null || !c.enabled() || m.author() == null || m.author().bot()) return List.of();
            if (s.accounts().isOwnAccount(m.chat().platform(), m.author().id())) return List.of();
            answers(m, c, ctx);
            if (c.isQuestion(m.text()) && m.replyToId() == null && asker(m, c, ctx)) {
                store.ask(m.chat(), m.messageId(), m.author().id(), m.author().name(), m.text(), m.at());
                s.scheduler().schedule(m.at().plus(c.flagAfter()), s.feature(), FLAG, m.chat(), m.messageId());
                ctx.emit(counted(m.chat(), "asked:" + m.messageId(), ctx.now(), m.author(), Tally.QUESTION_ASKED, 0, null));
            }
            return List.of();
        }

        /** A reply to an open question by someone else answers it; so does a moderator's message, when configured. */
        private void answers(Event.MessagePosted m, QuestionsConfig c, FeatureContext ctx) {
            List<QuestionsStore.Question> answered = new ArrayList<>();
            if (m.replyToId() != null) {
                QuestionsStore.Question q = store.find(m.chat(), m.replyToId());
                if (q != null && q.open() && !q.authorId().equals(m.author().id())) answered.add(q);
            }
            if (c.moderatorMessageAnswers() && ctx.roleOf(m).atLeast(Role.MODERATOR)) {
                for (QuestionsStore.Question q : store.open(m.chat())) {
                    if (!q.authorId().equals(m.author().id()) && !answered.contains(q)) answered.add(q);
                }
            }
            for (QuestionsStore.Question q : answered) {
                store.answered(q, m.author().id(), m.at());
                long waited = Math.max(0, Duration.between(q.asked(), m.at()).toSeconds());
                ctx.emit(counted(m.chat(), "answered:" + q.messageId(), ctx.now(), MemberRef.of(q.authorId(), q.authorName()),
                        Tally.QUESTION_ANSWERED, waited, null));
            }
        }

        /** Whose questions count: anyone's, or a newcomer's (by the member tiers, else joined within newcomer_for). */
        private boolean asker(Event.MessagePosted m, QuestionsConfig c, FeatureContext ctx) {
            if (c.everyone()) return true;
            if (ctx.roleOf(m).atLeast(Role.MODERATOR)) return false;
            MemberTiers.Tier tier = tiers.orElse(MemberTiers.NONE).tierOf(m.chat(), m.author().id());
            if (tier != null) return tier == MemberTiers.Tier.NEWCOMER;
            Instant joined = store.joinedAt(m.chat(), m.author().id());
            return joined != null && !m.at().isAfter(joined.plus(c.newcomerFor()));
        }

        List<Action> flag(Job job, FeatureContext ctx) {
            QuestionsStore.Question q = store.find(job.chat(), job.payload());
            QuestionsConfig c = config(ctx);
            if (q == null || !q.state().equals("pending") || c == null) return List.of();
            store.flagged(q);
            s.scheduler().schedule(q.asked().plus(c.holdAfter()), s.feature(), HOLD, q.chat(), q.messageId());
            ctx.emit(counted(q.chat(), "flagged:" + q.messageId(), ctx.now(), MemberRef.of(q.authorId(), q.authorName()),
                    Tally.QUESTION_FLAGGED, 0, null));
            String mods = String.join(" ", mentions(q.chat(), ctx));
            String link = MessageLinks.of(q.chat(), q.messageId(), sandboxBase());
            String text = ctx.text(PersonaRole.MODERATOR, link == null ? "questions.flag_quote" : "questions.flag_link",
                    "moderators", mods.isEmpty() ? "-" : mods, "name", q.authorName(), "waited", ctx.duration(Duration.between(q.asked(), ctx.now())),
                    "question", excerpt(q.text()), "link", link == null ? "" : link);
            return List.of(Action.Send.of(q.chat(), PersonaRole.MODERATOR, text).replyingTo(q.messageId()));
        }

        List<Action> hold(Job job, FeatureContext ctx) {
            QuestionsStore.Question q = store.find(job.chat(), job.payload());
            QuestionsConfig c = config(ctx);
            if (q == null || !q.state().equals("pending") || c == null) return List.of();
            store.held(q);
            String text = c.holdingAnswer() != null ? c.holdingAnswer() : ctx.text(PersonaRole.EXPERT, "questions.holding", "name", q.authorName());
            return List.of(Action.Send.of(q.chat(), PersonaRole.EXPERT, text).replyingTo(q.messageId()));
        }

        /** "@name" of the on-duty moderators, or of every moderator (config and platform admins) when nobody is on duty. */
        private List<String> mentions(ChatRef chat, FeatureContext ctx) {
            Set<String> ids = new LinkedHashSet<>();
            for (MemberRef m : roster.orElse(DutyRoster.NONE).onDuty(chat, ctx.now())) ids.add(m.id());
            if (ids.isEmpty()) {
                GroupConfig g = ctx.group();
                String prefix = chat.platform() + ":";
                if (g != null) for (String m : g.moderators()) if (m.startsWith(prefix)) ids.add(m.substring(prefix.length()));
                for (Admin a : s.roles().admins(chat)) ids.add(a.memberId());
            }
            List<String> out = new ArrayList<>();
            for (String id : ids) {
                if (s.accounts().isOwnAccount(chat.platform(), id)) continue;
                String name = s.history().memberName(chat.platform(), id);
                out.add("@" + (name == null ? id : name));
            }
            return out;
        }

        private String sandboxBase() {
            var sb = s.config().sandbox();
            return sb == null || !sb.enabled() ? null : "http://" + (sb.host().contains(":") ? "[" + sb.host() + "]" : sb.host()) + ":" + sb.port();
        }

        private static String excerpt(String text) {
            String t = text.strip().replaceAll("\\s+", " ");
            return t.length() <= EXCERPT ? t : t.substring(0, EXCERPT) + "…";
        }

        private static Event.Counted counted(ChatRef chat, String id, Instant at, MemberRef member, Tally tally, long value, String detail) {
            return new Event.Counted(EventKey.of(chat, "questions:" + id), chat, at, null, member, tally, value, detail);
        }
    }
}
