package qunzhu.features.moderation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import qunzhu.command.Command;
import qunzhu.config.GroupConfig;
import qunzhu.config.GroupSection;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.MemberRef;
import qunzhu.core.Role;
import qunzhu.feature.Feature;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Services;
import qunzhu.schedule.Job;

/**
 * Moderation: automatic filters with strategy presets, warnings with escalation, moderator
 * commands, case files with undo, shared ban lists, anti-raid, night mode, vote-mute and the
 * backtest. Runs before the command router so a deleted message runs no command.
 */
public final class ModerationFeature implements Feature {
    private Services services;
    private ModerationStore store;
    private ChatState state;
    private Windows windows;
    private Filters filters;
    private Enforcer enforcer;
    private SharedBans shared;
    private Raid raid;
    private NightMode night;
    private final List<Command> commands = new ArrayList<>();

    @Override public String name() { return "moderation"; }

    @Override public List<GroupSection<?>> sections() { return List.of(ModerationConfig.SECTION); }

    @Override public List<Command> commands() {
        // The router reads the table before init: the handlers delegate to those built in init.
        List<Command> out = new ArrayList<>();
        for (Command c : table(null, null, null, null, null)) {
            out.add(new Command(c.name(), c.aliases(), c.role(), c.groupOnly(), c.namespace(), call -> handlers.get(c.name()).handle(call)));
        }
        return out;
    }

    @Override public void init(Services s) {
        this.services = s;
        store = new ModerationStore(s.db());
        state = new ChatState(s.db());
        windows = new Windows(() -> s.clock().millis(), Windows.LIVE_MAX_KEYS, longestWindow(s));
        filters = new Filters(windows, s.config().zone());
        enforcer = new Enforcer(s, store);
        Targets targets = new Targets(s, store);
        shared = new SharedBans(s, this, enforcer);
        CaseCommands cases = new CaseCommands(s, store, state, enforcer);
        raid = new Raid(s, state, windows, cases, enforcer);
        night = new NightMode(s);
        backtest = new Backtest(s.config(), s.db());
        for (Command c : table(s, targets, cases, shared, enforcer)) handlers.put(c.name(), c.handler());
        Instant now = s.clock().instant();
        for (Long id : store.activeTimed()) {
            // ends that passed while the bot was down run now; the rest have their jobs
            ModerationStore.Punishment p = store.punishment(id);
            if (p != null && p.until() != null && !p.until().isAfter(now)) s.scheduler().schedule(now, Enforcer.OWNER, "expire", p.chat(), Long.toString(id));
        }
        night.start();
    }

    private List<Command> table(Services s, Targets targets, CaseCommands cases, SharedBans sharedBans, Enforcer enf) {
        List<Command> all = new ArrayList<>();
        all.addAll(new ModCommands(this, store, targets, enf, sharedBans).commands(name()));
        all.addAll((cases != null ? cases : new CaseCommands(s, store, state, enf)).commands(name()));
        all.addAll(new ChatCommands(this, state).commands(name()));
        all.addAll((sharedBans != null ? sharedBans : new SharedBans(s, this, enf)).commands(name(), targets));
        all.addAll(new VoteMute(s, this, store, enf).commands(name()));
        all.add(new Command("backtest", List.of(), Role.OPERATOR, true, name(), c -> backtest.inChat(c)));
        return all;
    }

    private Backtest backtest;
    private final java.util.Map<String, Command.Handler> handlers = new java.util.HashMap<>();

    private static Duration longestWindow(Services s) {
        Duration longest = Duration.ofSeconds(60);
        for (GroupConfig g : s.config().groups().values()) {
            ModerationConfig p = g.section(ModerationConfig.class);
            for (Duration d : List.of(p.flood().window(), p.wave().window(), p.raid().window())) if (d.compareTo(longest) > 0) longest = d;
        }
        return longest;
    }

    /** Raid mode off by hand: the joins so far no longer count. */
    void raidOff(ChatRef chat) { raid.off(chat); }

    /** The group's moderation policy (resolved over its strategy's preset when the config loaded). */
    ModerationConfig policy(FeatureContext ctx) { return ctx.group().section(ModerationConfig.class); }

    boolean trusted(ModerationConfig p, ChatRef chat, MemberRef m) {
        return p.trusted().contains(chat.platform() + ":" + m.id());
    }

    /** Never filtered: moderators, operators (and anonymous admins writing as the chat), our own accounts. */
    private boolean exempt(Event.MessagePosted m, FeatureContext ctx) {
        return services.accounts().isOwnAccount(m.chat().platform(), m.author().id()) || ctx.roleOf(m).atLeast(Role.MODERATOR);
    }

    @Override
    public List<Action> on(Event event, FeatureContext ctx) {
        if (ctx.group() == null) return List.of();
        ModerationConfig p = policy(ctx);
        if (event instanceof Event.MessagePosted m) return onMessage(m, ctx, p);
        if (event instanceof Event.MemberJoined j) return onJoin(j, ctx, p);
        return List.of();
    }

    private List<Action> onMessage(Event.MessagePosted m, FeatureContext ctx, ModerationConfig p) {
        if (exempt(m, ctx)) return List.of();
        Filters.Message msg = new Filters.Message(m.chat().toString(), m.author().id(), m.messageId(), m.text(), m.at(),
                m.forwarded(), m.media(), m.fromChannel(), trusted(p, m.chat(), m.author()));
        Filters.Decision d = filters.check(msg, p, state.extras(m.chat()));
        if (d == null) return List.of();
        ctx.stop();
        Verdict v = d.verdict();
        List<Action> out = new ArrayList<>();
        for (Windows.Seen s : d.wave()) {
            if (!s.messageId().equals(m.messageId())) out.add(new Action.Delete(ChatRef.parse(s.chat()), s.messageId(), ModerationConfig.SPAM_WAVE));
        }
        out.addAll(enforcer.apply(new Enforcer.Request(m.chat(), m.author(), v.action(), v.length(),
                ruleReason(v.rule(), ctx), v.rule(), m.text(), m.messageId(), null), ctx, p));
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

    @Override
    public List<Action> onJob(Job job, FeatureContext ctx) {
        return switch (job.kind()) {
            case "expire" -> enforcer.expire(Long.parseLong(job.payload()), ctx.now());
            case NightMode.LOCK, NightMode.UNLOCK -> night.onJob(job.kind(), job.payload(), ctx);
            default -> List.of();
        };
    }
}
