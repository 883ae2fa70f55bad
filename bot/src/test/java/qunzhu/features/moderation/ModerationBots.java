package qunzhu.features.moderation;

import java.util.List;
import qunzhu.feature.Feature;
import qunzhu.testkit.TestBot;

/** Bots for the moderation tests: the moderation feature alone (before the command router, as shipped). */
final class ModerationBots {
    private ModerationBots() {}

    /** Host and warden (the moderator persona, 小管家, which speaks for moderation), as in the shipped config. */
    static final String ACCOUNTS = TestBot.HOST_AND_WARDEN;

    /**
     * The shipped tech and family groups (config/groups.yml) with what moderation reads: titles,
     * locales, category, stage, strategies and tech's moderation section.
     */
    static final String GROUPS = """
            groups:
              tech:
                chat: sandbox:tech
                title: 技术交流群
                category: interest
                stage: growing
                strategy: layered
                moderation:
                  links:
                    allow: [github.com, gitee.com]
                  trusted: [sandbox:carol]
                  blocklist:
                    - name: crypto-scam
                      keywords: [空投福利, 稳赚不赔]
                      action: mute
                      duration: 1h
              family:
                chat: sandbox:family
                title: Family & Friends
                locale: en
                category: core_members
                stage: mature
                strategy: self_governed
            """;

    /** Moderation (and {@code alsoBefore}, after it) before the router, then {@code after}; host and warden accounts; no groups yet. */
    static TestBot.Builder moderation(List<Feature> alsoBefore, Feature... after) {
        List<Feature> before = new java.util.ArrayList<>();
        before.add(new ModerationFeature());
        before.addAll(alsoBefore);
        return TestBot.with(before, after).file("accounts.yml", ACCOUNTS);
    }

    /** Moderation alone, with host and warden accounts; add the groups with {@code yaml}. */
    static TestBot.Builder moderation() { return moderation(List.of()); }

    /** Moderation alone on the shipped tech and family groups ({@link #GROUPS}). */
    static TestBot.Builder techAndFamily() { return moderation().yaml(GROUPS); }

    /** A message of {@code member} in {@code chat} at the bot's time, as an adapter hands it in. */
    static qunzhu.core.Event.MessagePosted message(TestBot bot, qunzhu.core.ChatRef chat, String id, String member, String text) {
        return new qunzhu.core.Event.MessagePosted(qunzhu.core.EventKey.of(chat, id), chat, bot.clock().instant(), "host",
                qunzhu.core.MemberRef.of(member, member), id, text, null, null, false, false, false);
    }
}
