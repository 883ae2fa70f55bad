package qunzhu.features.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;

/** Every automatic filter, each action, evasion, exemptions; through the sandbox. */
class FiltersTest {
    static final String GROUPS = """
            groups:
              tech:
                chat: sandbox:tech
                title: Tech
                strategy: layered
                moderation:
                  links: {allow: [github.com]}
                  trusted: [sandbox:carol]
                  forwards: delete
                  blocklist:
                    - {name: r-del, keywords: [aaa-del], action: delete}
                    - {name: r-warn, keywords: [bbb-warn], action: warn}
                    - {name: r-mute, keywords: [ccc-mute], action: mute, duration: 1h}
                    - {name: r-kick, keywords: [ddd-kick], action: kick}
                    - {name: r-ban, regex: "eee-?ban\\\\d+", action: ban}
              family:
                chat: sandbox:family
                locale: en
                strategy: laissez_faire
            """;

    final TestBot bot = ModerationBots.moderation().file("groups.yml", GROUPS).build();
    final FakeGroup tech = bot.group("tech");

    @AfterEach void stop() { bot.close(); }

    boolean deleted(String id) { return tech.message(id).deleted(); }

    String caseRule(int n) {
        return bot.db().queryOne("SELECT rule || '/' || action FROM moderation_cases WHERE chat_id = 'tech' AND number = ?", rs -> rs.getString(1), n);
    }

    @Test void blocklistDeleteRemovesTheMessageQuietly() {
        String id = tech.post("bob", "hello aaa-del world");
        assertTrue(deleted(id));
        assertEquals(List.of(), tech.botSaid().stream().map(e -> e.text()).toList(), "a plain delete posts no notice");
        assertEquals("r-del/delete", caseRule(1));
    }

    @Test void blocklistWarnDeletesAndWarns() {
        String id = tech.post("bob", "bbb-warn");
        assertTrue(deleted(id));
        FakeGroup.assertContains(tech.botSaid().get(0).text(), "bob 被警告（第 1 次，案件 #1）");
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM moderation_warns WHERE member_id = 'bob'"));
    }

    @Test void blocklistMuteMutesForTheRuleDuration() {
        String id = tech.post("bob", "ccc-mute");
        assertTrue(deleted(id));
        assertEquals(List.of("bob"), tech.muted());
        FakeGroup.assertContains(tech.botSaid().get(0).text(), "禁言 1 小时（至 11:00）");
    }

    @Test void blocklistKickRemovesTheMember() {
        tech.post("bob", "ddd-kick");
        assertFalse(tech.members().contains("bob"));
        assertEquals("r-kick/kick", caseRule(1));
    }

    @Test void blocklistRegexBans() {
        tech.post("bob", "eee-ban42");
        @SuppressWarnings("unchecked") List<String> banned = (List<String>) tech.transcript().get("banned");
        assertEquals(List.of("bob"), banned);
    }

    @Test void shippedAdPatternsCatchInvisibleAndFullWidthEvasion() {
        String zeroWidth = tech.post("bob", "大家好，加\u200b微\u200c信 领资料");
        String fullWidth = tech.post("alice", "ＶＸ：ａｂｃ１２３４５６");
        String spaced = tech.post("carol", "私 聊 我 有 好 货");
        assertTrue(deleted(zeroWidth), "zero-width characters are removed before matching");
        assertTrue(deleted(fullWidth), "full-width letters are folded before matching");
        assertTrue(deleted(spaced), "spaced-out letters are joined before matching");
        assertEquals("ads/warn", caseRule(1), "layered preset: ads warn");
    }

    @Test void shippedAdPatternsCatchSeparatorsBetweenCjkCharacters() {
        String dotted = tech.post("bob", "大家好 加.微.信 领资料");
        String dashed = tech.post("alice", "加-微-信");
        String spaced = tech.post("carol", "加 微  信 有福利");
        assertTrue(deleted(dotted), "加.微.信");
        assertTrue(deleted(dashed), "加-微-信");
        assertTrue(deleted(spaced), "加 微  信");
        assertFalse(deleted(tech.post("bob", "今天 天气 不错。明天见")), "ordinary Chinese with spaces and full stops");
    }

    @Test void shippedAdPatternsCatchLookAlikeLettersAndLoneSurrogates() {
        String cyrillic = tech.post("bob", "我的 v\u0445123456 有福利");
        String greek = tech.post("alice", "\u03bdx: abc123456");
        String surrogate = tech.post("carol", "加\uD800微信");
        assertTrue(deleted(cyrillic), "a Cyrillic х in vx");
        assertTrue(deleted(greek), "a Greek ν in vx");
        assertTrue(deleted(surrogate), "a lone surrogate inside 加微信");
        assertFalse(deleted(tech.post("bob", "room 101 is open, version 1.2.3")), "ordinary ASCII");
    }

    @Test void contactHandlesWithoutAColonAreAdsButOrdinaryWordsAreNot() {
        assertTrue(deleted(tech.post("bob", "加我微信 vx123456 有福利")));
        assertTrue(deleted(tech.post("alice", "有问题找我 qq 12345678")));
        assertFalse(deleted(tech.post("carol", "wxWidgets 和 qqplot 哪个好用？")), "no digits: not a handle");
    }

    @Test void linksAreDeletedUnlessAllowlistedOrTrusted() {
        String evil = tech.post("bob", "看这个 http://evil.example.com/x");
        String github = tech.post("bob", "repo: https://github.com/foo/bar");
        String trusted = tech.post("carol", "see https://other.example.org/");
        assertTrue(deleted(evil));
        assertFalse(deleted(github));
        assertFalse(deleted(trusted), "trusted members may post links in a layered group");
        assertEquals("links/delete", caseRule(1));
    }

    @Test void inviteLinksAreDeleted() {
        String id = tech.post("carol", "join t.me/joinchat/AbCdEf123");
        assertTrue(deleted(id), "invite links are filtered even for trusted members");
        assertEquals("invites/delete", caseRule(1));
    }

    @Test void floodMutesOnTheEighthMessageWithinTenSeconds() {
        for (int i = 1; i <= 7; i++) tech.post("bob", "message " + i);
        assertEquals(List.of(), tech.muted());
        tech.post("bob", "message 8");
        assertEquals(List.of("bob"), tech.muted());
        assertEquals("flood/mute", caseRule(1));
    }

    @Test void floodCountsOnlyWithinTheWindow() {
        for (int i = 1; i <= 7; i++) tech.post("bob", "message " + i);
        bot.advance(java.time.Duration.ofSeconds(11));
        tech.post("bob", "message 8");
        assertEquals(List.of(), tech.muted());
    }

    @Test void trustedMembersAreExemptFromFlood() {
        for (int i = 1; i <= 10; i++) tech.post("carol", "message " + i);
        assertEquals(List.of(), tech.muted());
    }

    @Test void theSameTextFromThreeMembersIsAnAdWave() {
        String a = tech.post("alice", "limited offer click now friends");
        String b = tech.post("bob", "Limited offer click now friends");
        assertFalse(deleted(a));
        String c = tech.post("carol", "limited  offer click now friends".replace("  ", " "));
        assertTrue(deleted(c));
        assertTrue(deleted(a), "the earlier messages of the wave go too");
        assertTrue(deleted(b));
        assertEquals("spam_wave/delete", caseRule(1));
    }

    @Test void aJieLongChainIsNoAdWaveEvenWhenSignUpsAreIdentical() {
        String list = "周六羽毛球报名\n1. alice";
        tech.post("alice", list);
        String signUp = list + "\n2. 家属一位（带朋友来）";
        String a = tech.post("alice", signUp);
        String b = tech.post("bob", signUp);
        String c = tech.post("carol", signUp);
        assertFalse(deleted(a) || deleted(b) || deleted(c), "each copy extends the list by a line: a 接龙");
        String h1 = tech.post("alice", "#接龙 周六聚餐 +1 带家属");
        String h2 = tech.post("bob", "#接龙 周六聚餐 +1 带家属");
        String h3 = tech.post("carol", "#接龙 周六聚餐 +1 带家属");
        assertFalse(deleted(h1) || deleted(h2) || deleted(h3), "a message opened with #接龙 is a chain");
        assertEquals(0, bot.db().count("SELECT COUNT(*) FROM moderation_cases"));
    }

    @Test void shortRepliesEveryoneSendsAreNoAdWave() {
        String a = tech.post("alice", "好的收到谢谢群主啦");
        String b = tech.post("bob", "好的收到谢谢群主啦");
        String c = tech.post("carol", "好的收到谢谢群主啦");
        assertFalse(deleted(a) || deleted(b) || deleted(c), "under spam_wave.min_length (12)");
    }

    @Test void aNumberedAdFromSeveralAccountsIsStillAnAdWave() {
        String ad = "Best deals today\n1. cheap phones for everyone\n2. ask me how to order";
        String a = tech.post("alice", ad);
        String b = tech.post("bob", ad);
        String c = tech.post("carol", ad);
        assertTrue(deleted(a) && deleted(b) && deleted(c), "the same list from three accounts, growing nothing");
        assertEquals("spam_wave/delete", caseRule(1));
    }

    @Test void forwardsFromChannelsAreDeletedWhenConfigured() {
        ChatRef chat = new ChatRef("sandbox", "tech");
        bot.bot().pipeline().accept(List.of(new Event.MessagePosted(EventKey.of(chat, "fw1"), chat, bot.clock().instant(), "host",
                MemberRef.of("bob", "bob"), "fw1", "channel news", null, null, true, false, true)));
        bot.settle();
        assertEquals("forwards/delete", caseRule(1));
    }

    @Test void moderatorsOperatorsAndOurOwnAccountsAreNeverFiltered() {
        String mia = tech.post("mia", "加微信 aaa-del");
        String olivia = tech.post("olivia", "加微信 aaa-del");
        assertFalse(deleted(mia));
        assertFalse(deleted(olivia));
        ChatRef chat = new ChatRef("sandbox", "tech");
        bot.bot().pipeline().accept(List.of(new Event.MessagePosted(EventKey.of(chat, "own1"), chat, bot.clock().instant(), "host",
                new MemberRef("bot-warden", "小管家", true), "own1", "加微信 aaa-del", null, null, false, false, false)));
        bot.settle();
        assertEquals(0, bot.db().count("SELECT COUNT(*) FROM moderation_cases"));
    }

    @Test void laissezFaireOnlyActsOnHardSpam() {
        FakeGroup family = bot.group("family");
        String link = family.post("bob", "see http://evil.example.com/x");
        for (int i = 0; i < 12; i++) family.post("alice", "chatty " + i);
        String ad = family.post("bob", "加微信 领资料");
        assertFalse(family.message(link).deleted());
        assertEquals(List.of(), family.muted());
        assertTrue(family.message(ad).deleted());
    }
}
