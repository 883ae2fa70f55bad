package qunzhu.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import qunzhu.command.CommandRouter;
import qunzhu.config.ConfigLoader;
import qunzhu.config.ConfigNode;
import qunzhu.config.GroupSection;
import qunzhu.feature.Feature;
import qunzhu.features.announce.AnnounceFeature;
import qunzhu.features.chats.ChatsFeature;
import qunzhu.features.moderation.ModerationFeature;
import qunzhu.features.rules.RulesFeature;
import qunzhu.features.verify.VerifyFeature;
import qunzhu.features.welcome.WelcomeFeature;
import qunzhu.platform.PlatformFactory;
import qunzhu.platform.onebot.OneBotFactory;
import qunzhu.platform.sandbox.SandboxFactory;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.platform.telegram.TelegramFactory;

/** The lists that make the bot what it is: features in pipeline order, and platform kinds. No logic. */
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
                List.of(new ChatsFeature(), new ModerationFeature(), new VerifyFeature()),
                List.of(new WelcomeFeature(), new RulesFeature(), new AnnounceFeature())); // greetings, group keeping, engagement
    }

    /** {@code before}, then the command router (which dispatches every feature's commands), then {@code after}. */
    public static List<Feature> withCommands(List<Feature> before, List<Feature> after) {
        List<Feature> ordered = new ArrayList<>(before);
        ordered.add(new CommandRouter());
        ordered.addAll(after);
        return List.copyOf(ordered);
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
        return new ConfigLoader(env, parsers, sections(features));
    }
}
