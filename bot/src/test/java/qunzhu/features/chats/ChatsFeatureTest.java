package qunzhu.features.chats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import qunzhu.core.Outcome;
import qunzhu.features.rules.RulesFeature;
import qunzhu.store.Database;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.FakePlatform;
import qunzhu.testkit.TestBot;

/** Chat moves in the spine, seen through the rules feature alone (its rows and its /rules reply follow the chat). */
class ChatsFeatureTest {
    static final ChatRef TECH = new ChatRef("sandbox", "tech");
    static final ChatRef TECH2 = new ChatRef("sandbox", "tech2");

    /** The rules feature on the tech group (mia is a sandbox admin there). */
    static TestBot.Builder rulesInTech() {
        return TestBot.with(new RulesFeature()).yaml("""
                groups:
                  tech: {chat: sandbox:tech, title: 技术交流群, strategy: layered}
                """);
    }

    @Test void aMovedGroupKeepsItsConfigAndStateUnderTheNewIdAcrossARestart() throws Exception {
        Path file = Files.createTempFile("qunzhu-move", ".db");
        try (TestBot bot = rulesInTech().database(Database.open(file, false)).build()) {
            bot.group("tech").shouldReply("mia", "/setrules 只聊 Java。", "群规已更新");
            bot.hub().addGroup("tech2", "技术交流群", List.of("alice"), List.of("mia"));
            bot.bot().pipeline().accept(List.of(new Event.ChatMigrated(EventKey.of(TECH, "m1"), TECH, bot.clock().instant(), "host", TECH2)));
            bot.settle();
            assertEquals(1, bot.db().count("SELECT COUNT(*) FROM chat_members WHERE chat_id = 'tech2' AND member_id = 'mia'"),
                    "the spine's membership rows follow the chat");
            assertEquals(1, bot.db().count("SELECT COUNT(*) FROM rules_text WHERE chat_id = 'tech2'"), "the rules feature's hook moved its row");
            FakeGroup tech2 = bot.group("tech2");
            tech2.shouldReply("alice", "/rules", "只聊 Java。");
            assertEquals(TECH2, bot.bot().services().group(TECH).chat(), "the old id finds the group under its new id");
            assertEquals("tech2", bot.db().queryOne("SELECT moved_to FROM chats WHERE chat_id = 'tech'", rs -> rs.getString(1)));
            assertEquals(1, bot.db().count("SELECT COUNT(*) FROM rules_text WHERE chat_id = 'tech2'"));
        }
        try (TestBot bot = rulesInTech().database(Database.open(file, false)).build()) {
            bot.hub().addGroup("tech2", "技术交流群", List.of("alice"), List.of("mia"));
            bot.group("tech2").shouldReply("alice", "/rules", "只聊 Java。");
        }
    }

    @Test void aMovedAnswerFromThePlatformMovesTheGroupAndResendsThere() {
        ChatRef old = new ChatRef("fake", "-100");
        ChatRef now = new ChatRef("fake", "-1001");
        FakePlatform fake = FakePlatform.all("fk", "fake");
        fake.then(a -> new Outcome.Moved(now));
        try (TestBot bot = TestBot.with(new RulesFeature()).platform(fake.factory())
                .file("accounts.yml", """
                        personas: {host: {name: 小群}}
                        accounts:
                          - {id: host, platform: sandbox, persona: host}
                          - {id: fk, platform: fake, persona: host}
                        """)
                .yaml("""
                        groups:
                          g: {chat: "fake:-100", title: G, strategy: laissez_faire, rules: {text: "Be kind."}}
                        """).build()) {
            bot.bot().pipeline().accept(List.of(new Event.MessagePosted(EventKey.of(old, "1"), old, Instant.now(), "fk",
                    MemberRef.of("u1", "U"), "1", "/rules", null, null, false, false, false)));
            bot.settle();
            assertEquals(List.of("send@-100", "send@-1001"), fake.performed.stream().map(a -> a.kind() + "@" + a.chat().id()).toList());
            assertTrue(((Action.Send) fake.performed.get(1)).text().contains("Be kind."));
            assertEquals(now, bot.bot().services().group(now).chat());
            assertEquals(1, bot.db().count("SELECT COUNT(*) FROM activity WHERE kind = 'migrated'"));
        }
    }
}
