package qunzhu.features.moderation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import qunzhu.config.GroupConfig;
import qunzhu.config.GroupSection;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.MemberRef;
import qunzhu.core.Role;
import qunzhu.feature.Arg;
import qunzhu.feature.CommandSpec;
import qunzhu.feature.Feature;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Setup;

/**
 * Moderation: automatic filters with strategy presets, warnings with escalation, moderator
 * commands, case files with undo, shared ban lists, anti-raid, night mode, vote-mute and the
 * backtest. Runs before the command router so a deleted message runs no command.
 */
public final class ModerationFeature implements Feature {
    @Override public String name() { return "moderation"; }

    @Override public List<GroupSection<?>> sections() { return List.of(ModerationConfig.SECTION); }

    @Override public void install(Setup s) {
        s.moveWithChat("moderation_cases", "moderation_warns", "moderation_punishments", "moderation_allow", "moderation_filters", "moderation_locks", "moderation_reports", "moderation_raid", "moderation_votes");
        ModerationStore store = new ModerationStore(s.store(), s.history());
        ChatState state = new ChatState(s.store());
        Windows windows = new Windows(() -> s.clock().millis(), Windows.LIVE_MAX_KEYS, longestWindow(s));
        Enforcer enforcer = new Enforcer(s, store);
        Targets targets = new Targets(s);
        SharedBans shared = new SharedBans(s, enforcer);
        CaseCommands cases = new CaseCommands(s, store, state, enforcer);
        Raid raid = new Raid(s, state, windows, cases, enforcer);
        NightMode night = new NightMode(s);
        Backtest backtest = new Backtest(s.config(), s.store(), s.history());
        Guard guard = new Guard(s, store, state, windows, new Filters(windows, s.config().zone()), enforcer, shared, raid, new Notices(),
                new FirstLook());

        s.onArrival(Event.MessagePosted.class, guard::arrived);
        s.on(Event.MessagePosted.class, guard::posted);
        s.on(Event.MemberJoined.class, guard::joined);
        s.onJob(Enforcer.APPLIED, enforcer::applied);
        s.onJob(Enforcer.DIGEST, enforcer::digest);
        s.onJob(CaseCommands.ESCALATE, cases::escalate);
        s.onJob("expire", (job, ctx) -> enforcer.expire(Long.parseLong(job.payload()), ctx.now()));
        s.onJob(NightMode.LOCK, (job, ctx) -> night.onJob(job.kind(), job.payload(), ctx));
        s.onJob(NightMode.UNLOCK, (job, ctx) -> night.onJob(job.kind(), job.payload(), ctx));

        new ModCommands(s, store, targets, enforcer, shared).install(s);
        cases.install(s);
        new ChatCommands(state, raid).install(s);
        shared.install(s, targets);
        new VoteMute(s, store, enforcer).install(s);
        s.command(CommandSpec.of("backtest").operator().groupOnly().arg(Arg.integer("days")).handler(backtest::inChat));

        Instant now = s.clock().instant();
        for (Long id : store.activeTimed()) {
            // ends that passed while the bot was down run now; the rest have their jobs
            ModerationStore.Punishment p = store.punishment(id);
            if (p != null && p.until() != null && !p.until().isAfter(now)) s.scheduler().schedule(now, Enforcer.OWNER, "expire", p.chat(), Long.toString(id));
        }
        night.start();
    }

    private static Duration longestWindow(Setup s) {
        Duration longest = Duration.ofSeconds(60);
        for (GroupConfig g : s.config().groups().values()) {
            ModerationConfig p = g.section(ModerationConfig.class);
            for (Duration d : List.of(p.flood().window(), p.wave().window(), p.raid().window())) if (d.compareTo(longest) > 0) longest = d;
        }
        return longest;
    }

    /** The group's moderation policy (resolved over its strategy's preset when the config loaded). */
    static ModerationConfig policy(FeatureContext ctx) { return ctx.group().section(ModerationConfig.class); }

    static boolean trusted(ModerationConfig p, ChatRef chat, MemberRef m) {
        return p.trusted().contains(chat.platform() + ":" + m.id());
    }

    /** The automatic side: filters on messages, bans and mutes that follow a member back, raids. */
    private record Guard(Setup services, ModerationStore store, ChatState state, Windows windows, Filters filters, Enforcer enforcer,
                         SharedBans shared, Raid raid, Notices notices, FirstLook firstLook) {
        /** Never filtered: moderators, operators (and anonymous admins writing as the chat), our own accounts. */
        private boolean exempt(Event.MessagePosted m, FeatureContext ctx) {
            return services.accounts().isOwnAccount(m.chat().platform(), m.author().id()) || ctx.roleOf(m).atLeast(Role.MODERATOR);
        }

        /**
         * On arrival (an adapter's thread, beside the store): records the message in the windows
         * and reaches the verdict, if the chat's extras are known without reading the store.
         * Exempt authors and chats without moderation record nothing, as on the pipeline's thread.
         */
        void arrived(Event.MessagePosted m, FeatureContext ctx) {
            if (ctx.group() == null) return;
            ModerationConfig p = policy(ctx);
            if (!p.enabled() || exempt(m, ctx)) return;
            firstLook.judge(m.key(), () -> {
                Filters.Message msg = message(m, p);
                Filters.Observed o = filters.observe(msg, p);
                Filters.Extras extras = state.known(m.chat());
                return new FirstLook.Judged(o, extras == null ? null : filters.judge(msg, o, p, extras), p, extras);
            });
        }

        List<Action> posted(Event.MessagePosted m, FeatureContext ctx) {
            FirstLook.Judged judged = firstLook.take(m.key());
            return ctx.group() == null ? List.of() : onMessage(m, ctx, policy(ctx), judged);
        }

        private static Filters.Message message(Event.MessagePosted m, ModerationConfig p) {
            return new Filters.Message(m.chat().toString(), m.author().id(), m.messageId(), m.text(), m.at(),
                    m.forwarded(), m.media(), m.fromChannel(), trusted(p, m.chat(), m.author()));
        }

        List<Action> joined(Event.MemberJoined j, FeatureContext ctx) {
            return ctx.group() == null ? List.of() : onJoin(j, ctx, policy(ctx));
        }

        private List<Action> onMessage(Event.MessagePosted m, FeatureContext ctx, ModerationConfig p, FirstLook.Judged judged) {
            if (exempt(m, ctx)) return List.of();
            Filters.Message msg = message(m, p);
            Filters.Extras extras = state.extras(m.chat());
            Filters.Decision d = judged == null ? filters.check(msg, p, extras) : judged.under(filters, msg, p, extras);
            if (d == null) return List.of();
            // About to act: a cold chat's admins are waited for briefly, so its moderators are not taken for members.
            if (services.roles().confirmed(m).atLeast(Role.MODERATOR)) return List.of();
            ctx.stop();
            Verdict v = d.verdict();
            // one incident (a flood burst, an ad wave) is one case: its later messages are only deleted
            String incident = m.chat() + "|" + m.author().id() + "|" + v.rule();
            Duration window = v.rule().equals(ModerationConfig.FLOOD) ? p.flood().window() : p.wave().window();
            boolean incidentRule = v.rule().equals(ModerationConfig.FLOOD) || v.rule().equals(ModerationConfig.SPAM_WAVE);
            if (incidentRule) {
                Integer open = windows.openIncident(incident, m.at().toEpochMilli(), window);
                // Only a stored case counts: the window is memory, and the transaction that filed the
                // case may have been rolled back since (its group then runs again, and so punishes again).
                if (open != null && store.findCase(m.chat(), open) != null) {
                    return List.of(new Action.Delete(m.chat(), m.messageId(), "#" + open + " " + v.rule()));
                }
            }
            Enforcer.Applied applied = enforcer.enforce(new Enforcer.Request(m.chat(), m.author(), v.action(), v.length(),
                    ruleReason(v.rule(), ctx), v.rule(), m.text(), m.messageId(), null), ctx, p);
            if (incidentRule) windows.incident(incident, applied.file().number(), m.at().toEpochMilli(), window);
            // every message of the incident goes at once, per chat (an ad wave may span groups)
            Map<ChatRef, List<String>> gone = new LinkedHashMap<>();
            gone.computeIfAbsent(m.chat(), c -> new ArrayList<>()).add(m.messageId());
            for (Windows.Seen s : d.incident()) gone.computeIfAbsent(ChatRef.parse(s.chat()), c -> new ArrayList<>()).add(s.messageId());
            List<Action> out = new ArrayList<>();
            for (Map.Entry<ChatRef, List<String>> e : gone.entrySet()) {
                List<String> ids = e.getValue().stream().distinct().toList();
                if (e.getKey().equals(m.chat()) && ids.size() == 1) continue; // the enforcer deletes the message itself
                out.add(new Action.DeleteMany(e.getKey(), ids, "#" + applied.file().number() + " " + v.rule()));
            }
            for (Action a : applied.actions()) {
                boolean itself = a instanceof Action.Delete x && x.chat().equals(m.chat()) && x.messageId().equals(m.messageId());
                if (!itself || gone.get(m.chat()).stream().distinct().count() == 1) out.add(a);
            }
            // a plain deletion says nothing by itself; the member learns why (warnings and mutes have their own notice)
            if (v.action() == Verdict.Kind.DELETE) out.addAll(notices.deleted(m.chat(), m.author(), m.messageId(), v.rule(), p, ctx));
            return out;
        }

        private String ruleReason(String rule, FeatureContext ctx) {
            String key = "moderation.rule." + rule;
            return services.texts().has(key) ? ctx.text(key) : ctx.text("moderation.rule_named", "rule", rule);
        }

        private List<Action> onJoin(Event.MemberJoined j, FeatureContext ctx, ModerationConfig p) {
            MemberRef m = j.member();
            if (services.accounts().isOwnAccount(j.chat().platform(), m.id())) return List.of();
            List<Action> banned = shared.onJoin(ctx, m);
            if (!banned.isEmpty()) { ctx.stop(); return banned; }
            Instant now = ctx.now();
            for (ModerationStore.Punishment b : store.active(j.chat(), m.id(), "ban", now)) {
                ctx.stop();
                Duration left = b.until() == null ? null : Duration.between(now, b.until());
                return enforcer.quiet(j.chat(), m, Verdict.Kind.BAN, left, ctx.text("moderation.still_banned"), "evasion", ctx,
                        new Action.Ban(j.chat(), m, left, ctx.text("moderation.still_banned")));
            }
            List<Action> out = new ArrayList<>();
            List<ModerationStore.Punishment> mutes = store.active(j.chat(), m.id(), "mute", now);
            if (!mutes.isEmpty()) {
                Instant until = null;
                boolean forever = false;
                for (ModerationStore.Punishment x : mutes) {
                    if (x.until() == null) forever = true;
                    else if (until == null || x.until().isAfter(until)) until = x.until();
                }
                Duration left = forever ? null : Duration.between(now, until);
                out.addAll(enforcer.quiet(j.chat(), m, Verdict.Kind.MUTE, left, ctx.text("moderation.still_muted"), "evasion", ctx,
                        new Action.Mute(j.chat(), m, left, ctx.text("moderation.still_muted"))));
            }
            if (p.enabled() && !ctx.roleOf(m).atLeast(Role.MODERATOR)) out.addAll(raid.onJoin(j, ctx, p));
            // a newcomer stopped here (raid, evasion) gets no welcome
            if (out.stream().anyMatch(a -> a instanceof Action.Kick || a instanceof Action.Mute)) ctx.stop();
            return out;
        }
    }
}
