package qunzhu.features.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;

/** The rules feature alone (with the command router), on two groups configured here. */
class RulesFeatureTest {
    final TestBot bot = TestBot.with(new RulesFeature()).yaml("""
            commands:
              aliases: {规则: rules}
            groups:
              tech:
                chat: sandbox:tech
                title: 技术交流群
                rules:
                  text: |
                    1. 友善交流，对事不对人。
                    2. 禁止广告、拉群、加微信。
              family:
                chat: sandbox:family
                title: Family & Friends
                locale: en
                rules:
                  text: |
                    1. Be kind.
                    2. No spam or ads.
            """).build();
    final FakeGroup tech = bot.group("tech");
    final FakeGroup family = bot.group("family");

    @AfterEach void stop() { bot.close(); }

    @Test void rulesShowsTheConfiguredRulesWithTheGroupTitle() {
        var reply = tech.shouldReply("alice", "/rules", "技术交流群 群规");
        FakeGroup.assertContains(reply.text(), "禁止广告、拉群、加微信");
        assertEquals("小群", reply.authorName(), "the host persona answers");
    }

    @Test void rulesAnswersInTheGroupsLocaleAndByAlias() {
        family.shouldReply("alice", "群规", "Rules of Family & Friends");
        family.shouldReply("alice", "规则", "1. Be kind.");
    }

    @Test void moderatorSetsRulesAndMembersSeeTheNewText() {
        tech.shouldReply("mia", "/setrules 只聊 Java。", "群规已更新");
        tech.shouldReply("alice", "/rules", "只聊 Java。");
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM rules_text WHERE chat_id = 'tech' AND set_by = 'mia'"));
    }

    @Test void memberCannotSetRulesAndIsToldWhoCan() {
        tech.shouldReply("alice", "/setrules 随便发广告", "只有管理员可以在这里使用 /setrules（你是成员）");
        tech.shouldReply("bob", "/rules", "禁止广告");
    }

    @Test void operatorMaySetRulesAnywhere() {
        family.shouldReply("olivia", "/setrules Be excellent.", "Rules updated");
    }

    @Test void setrulesWithoutTextGetsTheUsageLine() {
        tech.shouldReply("mia", "/setrules", "用法：/setrules <群规全文>");
    }

    @Test void groupWithoutRulesSaysSo() {
        bot.hub().addGroup("empty", "Empty", java.util.List.of("alice"), java.util.List.of());
        FakeGroup empty = bot.group("empty");
        // not a configured group: /rules is for configured groups only
        empty.shouldReply("alice", "/rules", "只能在群里使用");
    }
}
