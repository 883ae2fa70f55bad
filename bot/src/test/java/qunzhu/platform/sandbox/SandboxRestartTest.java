package qunzhu.platform.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import qunzhu.store.Database;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.MutableClock;
import qunzhu.testkit.TestBot;

/** A restart looks like a restart: the sandbox world comes back from the bot's store as the bot left it. */
@Timeout(60)
class SandboxRestartTest {
    @TempDir Path dir;

    @SuppressWarnings("unchecked")
    static List<SandboxHub.Entry> entries(FakeGroup g) { return (List<SandboxHub.Entry>) g.transcript().get("entries"); }

    static SandboxHub.Entry byId(FakeGroup g, String id) {
        return entries(g).stream().filter(e -> e.id().equals(id)).findFirst().orElse(null);
    }

    @Test void membersMutesBansAndTheTranscriptSurviveARestart() throws Exception {
        Path file = dir.resolve("bot.db");
        MutableClock clock = MutableClock.at("2026-11-24T10:00:00+08:00");
        String hello, ad, rules, scam;
        List<String> membersBefore;
        try (TestBot bot = TestBot.builder().clock(clock).database(Database.open(file, false)).build()) {
            FakeGroup tech = bot.group("tech");
            tech.join("dave");                                // muted until verified
            tech.join("erin");
            tech.pressButton("erin", "verify:erin");           // verified: may speak
            tech.leave("carol");
            hello = tech.post("bob", "hello everyone");
            tech.newEntries();
            tech.post("alice", "/rules");
            rules = tech.botSaid().get(0).id();
            ad = tech.post("erin", "加.微.信 领资料");           // deleted as an ad
            scam = tech.post("bob", "空投福利 快来");           // deleted, bob muted for 1h
            assertTrue(tech.message(ad).deleted());
            membersBefore = tech.members();
            assertEquals(List.of("dave", "bob"), tech.muted().stream().sorted(java.util.Comparator.reverseOrder()).toList());
        }
        assertTrue(Files.exists(file));

        try (TestBot bot = TestBot.builder().clock(clock).database(Database.open(file, false)).build()) {
            FakeGroup tech = bot.group("tech");
            assertEquals(membersBefore, tech.members(), "the same members, in the same order");
            assertTrue(tech.members().contains("dave") && tech.members().contains("erin"));
            assertFalse(tech.members().contains("carol"), "carol left before the restart");
            assertEquals(List.of("dave", "bob"), tech.muted().stream().sorted(java.util.Comparator.reverseOrder()).toList(),
                    "the newcomer's and the 1h mutes are still in force");
            assertThrows(SandboxHub.Refused.class, () -> bot.hub().post("tech", "dave", "hi", null, null), "dave is still muted");

            assertEquals("hello everyone", byId(tech, hello).text(), "members' messages come back with their ids");
            assertEquals("bob", byId(tech, hello).author());
            SandboxHub.Entry reply = byId(tech, rules);
            assertEquals("bot", reply.kind(), "the bot's messages come back");
            assertTrue(reply.text().contains("禁止广告"), reply.text());
            assertEquals("小群", reply.authorName());
            assertTrue(byId(tech, ad).deleted(), "deleted messages stay deleted");
            assertTrue(byId(tech, scam).deleted());
            assertTrue(entries(tech).stream().anyMatch(e -> e.text().equals("← carol 退出了群聊")), "system lines come back");
            assertTrue(entries(tech).get(entries(tech).size() - 1).text().contains("已重启"), "the restart shows");

            String fresh = tech.post("erin", "still here");
            assertNotEquals(hello, fresh);
            assertEquals(1, entries(tech).stream().filter(e -> e.id().equals(fresh)).count(), "new ids never collide with restored ones");
        }
    }
}
