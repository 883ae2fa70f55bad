package qunzhu.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import qunzhu.command.CommandRouter;
import qunzhu.config.ConfigLoader;
import qunzhu.config.ConfigNode;
import qunzhu.config.GroupSection;
import qunzhu.config.BotConfig;
import qunzhu.feature.Accounts;
import qunzhu.feature.CommandSpec;
import qunzhu.feature.Feature;
import qunzhu.feature.Installed;
import qunzhu.schedule.Scheduler;
import qunzhu.store.Database;
import qunzhu.text.Texts;
import qunzhu.feature.Services;
import qunzhu.outbox.ActionMetrics;
import qunzhu.outbox.ChatMoveFollowUp;
import qunzhu.outbox.KeywordButtons;
import qunzhu.outbox.MessageOwnership;
import qunzhu.outbox.Outbox;
import qunzhu.outbox.PinAfterSend;
import qunzhu.outbox.RefusalReports;
import qunzhu.outbox.OutcomeFollowUps;
import qunzhu.outbox.SelfDelete;
import qunzhu.outbox.SentRefs;
import qunzhu.pipeline.Pipeline;
import qunzhu.runtime.Metrics;
import qunzhu.store.KeyValues;
import qunzhu.features.announce.AnnounceFeature;
import qunzhu.features.duty.DutyFeature;
import qunzhu.features.highlights.HighlightsFeature;
import qunzhu.features.questions.QuestionsFeature;
import qunzhu.features.lottery.LotteryFeature;
import qunzhu.features.poll.PollFeature;
import qunzhu.features.personas.PersonasFeature;
import qunzhu.features.calendar.CalendarFeature;
import qunzhu.features.moderation.ModerationFeature;
import qunzhu.features.quiz.QuizFeature;
import qunzhu.features.feedback.FeedbackFeature;
import qunzhu.features.invites.InvitesFeature;
import qunzhu.features.points.PointsFeature;
import qunzhu.features.tiers.TiersFeature;
import qunzhu.features.reports.ReportsFeature;
import qunzhu.features.rules.RulesFeature;
import qunzhu.features.verify.VerifyFeature;
import qunzhu.features.welcome.WelcomeFeature;
import qunzhu.platform.PlatformFactory;
import qunzhu.platform.onebot.OneBotFactory;
import qunzhu.platform.sandbox.SandboxFactory;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.platform.telegram.TelegramFactory;

/** The lists that make the bot what it is: features in pipeline order, follow-ups of actions, platform kinds. No logic. */
public final class Wiring {
    private Wiring() {}

    /**
     * Features in pipeline order. Gatekeeping (verification, moderation) comes before
     * commands so a deleted message runs no command; greetings and engagement after.
     */
    public static List<Feature> features() {
        return withCommands(
                // gatekeeping: moderation first (a banned or raiding joiner is never prompted),
                // then verification
                // reports first: its rollups count every event, also those a gatekeeper stops
                List.of(new ReportsFeature(), new ModerationFeature(), new VerifyFeature()),
                List.of( // greetings, group keeping, engagement (one feature per line)
                        new WelcomeFeature(),
                        new RulesFeature(),
                        new AnnounceFeature(),
                        new CalendarFeature(),
                        new PersonasFeature(),
                        new PointsFeature(),
                        new TiersFeature(),
                        new FeedbackFeature(),
                        new InvitesFeature(),
                        new QuizFeature(),
                        new DutyFeature(),
                        new QuestionsFeature(),
                        new HighlightsFeature(),
                        new LotteryFeature(),
                        new PollFeature()));
    }

    /** {@code before}, then the command router (which dispatches every feature's commands), then {@code after}. */
    public static List<Feature> withCommands(List<Feature> before, List<Feature> after) {
        List<Feature> ordered = new ArrayList<>(before);
        ordered.add(new CommandRouter());
        ordered.addAll(after);
        return List.copyOf(ordered);
    }

    /** What follows a finished action, in this order; the metrics come last. */
    public static List<Outbox.Listener> followUps(Services services, Pipeline pipeline, Outbox outbox, KeyValues kv, Metrics metrics) {
        return List.of(
                new ChatMoveFollowUp(pipeline, services.clock()),
                new MessageOwnership(services.accounts()),
                new KeywordButtons(pipeline.keywordPresses()),
                new SelfDelete(services.scheduler(), services.clock()),
                new OutcomeFollowUps(services.scheduler(), services.clock()),
                new SentRefs(kv),
                new PinAfterSend(outbox),
                new RefusalReports(services.config(), services.moves()::now, services.texts(), outbox),
                new ActionMetrics(metrics));
    }

    public static List<PlatformFactory> platforms(SandboxHub hub) {
        return List.of(new SandboxFactory(hub), new TelegramFactory(), new OneBotFactory());
    }

    public static List<GroupSection<?>> sections(List<Feature> features) {
        List<GroupSection<?>> out = new ArrayList<>();
        for (Feature f : features) out.addAll(f.sections());
        return out;
    }

    public static ConfigLoader loader(Function<String, String> env) { return loader(env, List.of(), features()); }

    /** A loader that also knows {@code extra} platform kinds and the sections of {@code features}. */
    public static ConfigLoader loader(Function<String, String> env, List<PlatformFactory> extra, List<Feature> features) {
        Map<String, Function<ConfigNode, Object>> parsers = new LinkedHashMap<>();
        for (PlatformFactory f : platforms(null)) parsers.put(f.kind(), f::parse);
        for (PlatformFactory f : extra) parsers.put(f.kind(), f::parse);
        List<qunzhu.config.BotSection<?>> botSections = new ArrayList<>();
        for (Feature f : features) botSections.addAll(f.botSections());
        return new ConfigLoader(env, parsers, sections(features), commandNames(features), botSections,
                new Texts(Bot.textNamespaces(features), Map.of()).keys());
    }

    /**
     * The names of the commands {@code features} register: what a config alias may stand for.
     * Commands are registered at install, which needs services, before the real config exists;
     * a dry install against an empty config and an in-memory store lists them. (Installing
     * builds objects only; nothing runs.)
     */
    static Set<String> commandNames(List<Feature> features) {
        BotConfig empty = new BotConfig(java.time.ZoneId.of("Asia/Shanghai"), "zh-CN", java.nio.file.Path.of(":memory:"), false,
                Set.of(), null, new BotConfig.SandboxConfig(false, "127.0.0.1", 0, Map.of(), Map.of(), List.of()), List.of(),
                Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Set.of(), BotConfig.Monitoring.OFF, List.of());
        java.time.Clock clock = java.time.Clock.systemUTC();
        try (Database db = Database.inMemory()) {
            Services services = new Services(empty, clock, db, new Texts(List.of("core"), Map.of()), new Scheduler(db, clock), null,
                    new Accounts(empty), new qunzhu.store.MovedChats(db));
            Set<String> names = new java.util.LinkedHashSet<>();
            for (CommandSpec c : Installed.install(features, services).commands()) names.add(c.name());
            return Set.copyOf(names);
        }
    }
}
