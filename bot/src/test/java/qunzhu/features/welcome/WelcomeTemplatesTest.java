package qunzhu.features.welcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;

/**
 * Which welcome a group gets: its own text, its profile's, then the shipped template for its
 * category and stage, its category, its stage, the default. All groups here are laissez-faire,
 * so the welcome comes on join.
 */
class WelcomeTemplatesTest {
    /** Welcome, and rules for the link in the hint (the rules feature provides it). */
    final TestBot bot = TestBot.with(new WelcomeFeature(), new qunzhu.features.rules.RulesFeature()).yaml("""
            profiles:
              club:
                strategy: laissez_faire
                category: interest
                welcome:
                  text: "Club says hi to {name} in {group}"
                  delete_after: 30s
            groups:
              starter: {chat: sandbox:starter, title: 新手村, category: interest, stage: new, strategy: laissez_faire}
              hobby: {chat: sandbox:hobby, title: 摄影爱好者, category: interest, stage: mature, strategy: laissez_faire}
              event: {chat: sandbox:event, title: Meetup, category: event, stage: mature, strategy: laissez_faire, locale: en}
              misc: {chat: sandbox:misc, title: 杂谈, category: other, stage: mature, strategy: laissez_faire}
              plain: {chat: sandbox:plain, title: 普通群, category: other, stage: growing, strategy: laissez_faire}
              club1: {chat: sandbox:club1, title: Club One, profile: club}
              club2:
                chat: sandbox:club2
                title: Club Two
                profile: club
                welcome: {text: "Own text for {name}"}
              linked:
                chat: sandbox:linked
                title: 链接群
                strategy: laissez_faire
                category: brand
                rules: {text: "1. 友善", url: "https://example.org/rules"}
            """).build();

    @AfterEach void stop() { bot.close(); }

    String welcomeIn(String group) {
        FakeGroup g = bot.group(group);
        g.join("dave");
        var said = g.botSaid();
        assertEquals(1, said.size(), "one welcome in " + group);
        return said.get(0).text();
    }

    @Test void categoryAndStageTemplate() {
        assertEquals("欢迎 dave！「新手村」刚刚起步，你是第 1 位成员，欢迎一起把群建起来。发送 /rules 查看群规。", welcomeIn("starter"));
    }

    @Test void categoryTemplateWhenTheStageHasNone() {
        assertEquals("欢迎 dave 加入「摄影爱好者」！这里都是同好，聊聊你是怎么入坑的吧。发送 /rules 查看群规。", welcomeIn("hobby"));
    }

    @Test void categoryAndStageTemplateInEnglish() {
        assertEquals("Welcome to Meetup, dave! Material from past events is in the pinned announcement, and the next one will be posted here. "
                + "Send /rules to read the rules.", welcomeIn("event"));
    }

    @Test void stageTemplateForACategoryWithoutOne() {
        assertEquals("欢迎 dave 加入「杂谈」！先看看群公告和精华消息，很多问题那里都有答案。发送 /rules 查看群规。", welcomeIn("misc"));
    }

    @Test void defaultTemplateLast() {
        assertEquals("欢迎 dave 加入「普通群」！你是第 1 位成员。发送 /rules 查看群规。", welcomeIn("plain"));
    }

    @Test void profileTextBeatsTemplatesAndGroupTextBeatsProfile() {
        assertEquals("Club says hi to dave in Club One", welcomeIn("club1"));
        assertEquals("Own text for dave", welcomeIn("club2"));
    }

    @Test void rulesLinkGoesIntoTheHint() {
        assertEquals("欢迎 dave 加入「链接群」！新品、活动和福利都会在这里第一时间发布。群规见 https://example.org/rules", welcomeIn("linked"));
    }

    @Test void profileDeleteAfterAppliesToGroupsThatKeepIt() {
        FakeGroup club = bot.group("club2");
        club.join("dave");
        SandboxHub.Entry w = club.botSaid().get(0);
        bot.advance(Duration.ofSeconds(20));
        assertTrue(club.visible(w.id()));
        bot.advance(Duration.ofSeconds(11));
        assertFalse(club.visible(w.id()), "the profile's delete_after: 30s still applies");
    }
}
