package qunzhu.command;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import qunzhu.features.rules.RulesFeature;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;

/** The router with one feature's commands (the rules feature's /rules and /setrules) on a Chinese and an English group. */
class CommandRouterTest {
    final TestBot bot = TestBot.with(new RulesFeature()).yaml("""
            groups:
              tech:
                chat: sandbox:tech
                title: 技术交流群
                strategy: layered
                rules: {text: "1. 友善交流，对事不对人。"}
              family: {chat: sandbox:family, title: Family & Friends, locale: en, strategy: self_governed}
            """).build();
    final FakeGroup tech = bot.group("tech");
    final FakeGroup family = bot.group("family");

    @AfterEach void stop() { bot.close(); }

    @Test void unknownCommandPointsToHelp() {
        tech.shouldReply("alice", "/frobnicate now", "没有 /frobnicate 这个命令。发送 /help 查看可用的命令。");
        family.shouldReply("alice", "/frobnicate", "There is no /frobnicate command.");
    }

    @Test void helpListsOnlyWhatTheCallerMayUse() {
        String member = tech.shouldReply("alice", "/help", "你可以使用的命令").text();
        assertTrue(member.contains("/rules — 查看本群群规"), member);
        assertFalse(member.contains("/setrules"), member);
        String moderator = tech.shouldReply("mia", "/help", "你可以使用的命令").text();
        assertTrue(moderator.contains("/setrules <群规全文> — 设置本群群规（管理员）"), moderator);
    }

    @Test void commandAddressedToTheBotByNameAndInUpperCaseWorks() {
        tech.shouldReply("alice", "/RULES@qunzhu_bot", "群规");
    }

    @Test void ordinaryChatGetsNoReply() {
        tech.shouldNotReply("alice", "今天天气不错");
        tech.shouldNotReply("alice", "/");
    }

    @Test void rolesAreCheckedOnEveryCallNotRemembered() {
        tech.shouldReply("mia", "/setrules A", "群规已更新");
        tech.shouldReply("alice", "/setrules B", "只有管理员");
        tech.shouldReply("mia", "/setrules C", "群规已更新");
    }
}
