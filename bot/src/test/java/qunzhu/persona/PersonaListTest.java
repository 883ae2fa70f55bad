package qunzhu.persona;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import qunzhu.core.ChatRef;
import qunzhu.features.personas.PersonasFeature;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;

/** /persona list: who speaks where, through which account, with what budget and health; operators only. */
class PersonaListTest {
    final TestBot bot = TestBot.with(new PersonasFeature())
            .file("accounts.yml", TestBot.HOST_AND_WARDEN)
            .yaml("""
                    groups:
                      tech: {chat: sandbox:tech, title: 技术交流群}
                      family: {chat: sandbox:family, title: Family, locale: en}
                    """).build();

    @AfterEach void stop() { bot.close(); }

    @Test void anOperatorSeesEachPersonaItsAccountBudgetAndHealth() {
        bot.bot().accounts().health().muted("warden", new ChatRef("sandbox", "tech"), null);
        FakeGroup tech = bot.group("tech");
        String said = tech.shouldReply("olivia", "/persona list", "人设与账号").text();
        assertEquals(String.join("\n",
                "🎭 人设与账号",
                "「技术交流群」（sandbox:tech）",
                "  · 小群（host）→ host · 余量 不限 · 正常",
                "  · 小管家（moderator）→ host · 余量 不限 · 正常",
                "      未发言：warden · 余量 不限 · 被禁言（自 10:00 起）"), said);
    }

    @Test void allGroupsFromTheOperatorsRoomAndNotForMembers() {
        FakeGroup ops = bot.group("ops");
        String said = ops.shouldReply("olivia", "/persona list", "人设与账号").text();
        assertTrue(said.contains("「技术交流群」") && said.contains("「Family」"), said);
        FakeGroup tech = bot.group("tech");
        String denied = tech.shouldReply("alice", "/persona list", "").text();
        assertTrue(!denied.contains("人设与账号"), denied);
    }
}
