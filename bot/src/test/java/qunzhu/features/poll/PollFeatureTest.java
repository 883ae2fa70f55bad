package qunzhu.features.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static qunzhu.testkit.FakeGroup.assertContains;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import qunzhu.core.Tally;
import qunzhu.features.lottery.Ledger;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.store.Database;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.MutableClock;
import qunzhu.testkit.TestBot;

/** Polls on the sandbox: votes by button and number, changes, the throttled live count, results, anonymity, rights, restarts. */
@Timeout(120)
class PollFeatureTest {
    static final String GROUPS = """
            groups:
              tech:
                chat: sandbox:tech
                title: 技术交流群
              open:
                chat: sandbox:open
                title: 开放群
                poll: {starters: members}
            """;

    @TempDir Path dir;
    final MutableClock clock = MutableClock.at("2026-11-24T10:00:00+08:00");
    final Ledger ledger = new Ledger();
    TestBot bot;
    FakeGroup tech;

    void open(Database db) {
        TestBot.Builder b = TestBot.with(new PollFeature(), ledger).yaml(GROUPS).clock(clock);
        if (db != null) b.database(db);
        bot = b.build();
        bot.settle();
        tech = bot.group("tech");
    }

    @AfterEach void stop() { if (bot != null) bot.close(); }

    /** The newest poll's message as it reads now (after edits). */
    SandboxHub.Entry pollMessage(FakeGroup g) {
        String id = bot.db().queryOne("SELECT v FROM kv WHERE k LIKE 'sent.poll.%' ORDER BY k DESC LIMIT 1", rs -> rs.getString(1));
        return g.message(id);
    }

    String live(FakeGroup g) { return pollMessage(g).text(); }

    String press(FakeGroup g, String member, int option) {
        SandboxHub.Entry poll = pollMessage(g);
        String data = poll.buttons().get(option - 1).data();
        long before = lastSeq(g, member);
        g.press(member, poll.id(), data);
        g.newEntries();
        @SuppressWarnings("unchecked")
        List<SandboxHub.Entry> all = (List<SandboxHub.Entry>) bot.hub().transcript(g.id(), 0, member).get("entries");
        List<SandboxHub.Entry> lines = all.stream().filter(e -> e.seq() > before && member.equals(e.to())).toList();
        assertEquals(1, lines.size(), lines.toString());
        return lines.get(0).text();
    }

    long lastSeq(FakeGroup g, String viewer) {
        @SuppressWarnings("unchecked")
        List<SandboxHub.Entry> all = (List<SandboxHub.Entry>) bot.hub().transcript(g.id(), 0, viewer).get("entries");
        return all.stream().mapToLong(SandboxHub.Entry::seq).max().orElse(0);
    }

    String say(FakeGroup g, String member, String text) {
        g.newEntries();
        g.post(member, text);
        List<SandboxHub.Entry> said = g.botSaid();
        assertEquals(1, said.size(), said.stream().map(SandboxHub.Entry::text).toList().toString());
        return said.get(0).text();
    }

    long edits() { return bot.db().count("SELECT COUNT(*) FROM action_log WHERE kind = 'edit' AND outcome = 'done'"); }

    @Test void membersVoteByButtonOrNumberAndMayChangeTheirVote() {
        open(null);
        String post = say(tech, "mia", "/poll \"周末活动去哪\" \"爬山\" \"看电影\" \"桌游\"");
        assertContains(post, "📊 投票 #1：周末活动去哪\n1. 爬山 — 0 票\n2. 看电影 — 0 票\n3. 桌游 — 0 票\n共 0 票 · 进行中");
        assertEquals(3, pollMessage(tech).buttons().size());

        assertContains(press(tech, "alice", 1), "已投给「爬山」。");
        tech.newEntries();
        tech.post("bob", "2");
        assertEquals(List.of(), tech.botSaid(), "a number vote is quiet");
        assertContains(press(tech, "alice", 3), "已改投「桌游」（原来是「爬山」）。");
        assertContains(press(tech, "alice", 3), "你已经投给「桌游」了。");
        tech.post("carol", "9");                     // not an option: just a message
        bot.advance(Duration.ofSeconds(10));
        assertContains(live(tech), "1. 爬山 — 0 票\n2. 看电影 — 1 票\n3. 桌游 — 1 票\n共 2 票");
        assertEquals(2, bot.db().count("SELECT COUNT(*) FROM poll_votes"), "one vote each");
        List<Long> values = ledger.counted(Tally.POLL_VOTE).stream().map(c -> c.value()).toList();
        assertEquals(List.of(1L, 1L, 0L), values, "two votes and a change");
    }

    @Test void aVoteStormIsFoldedIntoFewEdits() {
        open(null);
        say(tech, "mia", "/poll 午饭 面条 米饭");
        long before = edits();
        for (int i = 0; i < 12; i++) {
            String m = "m" + i;
            tech.join(m);
            tech.post(m, i % 3 == 0 ? "1" : "2");
        }
        long during = edits() - before;
        assertTrue(during <= 1, "at most the first vote's edit while the storm lasts, got " + during);
        bot.advance(Duration.ofSeconds(5));
        assertEquals(2, edits() - before, "one more edit carries every vote since");
        assertContains(live(tech), "1. 面条 — 4 票\n2. 米饭 — 8 票\n共 12 票");
    }

    @Test void theCloseAtItsTimePostsResultsWithVotersAndEndsVoting() {
        open(null);
        say(tech, "mia", "/poll \"选哪个\" \"A\" \"B\" 1h");
        assertContains(live(tech), "截止");
        press(tech, "alice", 1);
        press(tech, "bob", 1);
        press(tech, "carol", 2);
        tech.newEntries();
        bot.advance(Duration.ofHours(1));
        List<SandboxHub.Entry> said = tech.botSaid();
        assertEquals(1, said.size());
        assertEquals("📊 投票 #1 结果：选哪个\n1. A — 2 票（67%）：alice、bob\n2. B — 1 票（33%）：carol\n共 3 人投票。", said.get(0).text());
        assertContains(live(tech), "已结束");
        assertEquals(List.of(), tech.message(pollMessage(tech).id()).buttons(), "the buttons are gone");
        tech.post("alice", "2");
        assertEquals(2, bot.db().count("SELECT COUNT(*) FROM poll_votes WHERE choice = 1"), "votes after the close do not count");
    }

    @Test void anAnonymousPollNeverShowsWhoVoted() {
        open(null);
        say(tech, "mia", "/poll \"满意度\" \"满意\" \"一般\" 匿名 30m");
        press(tech, "alice", 1);
        tech.post("bob", "2");
        tech.newEntries();
        bot.advance(Duration.ofMinutes(30));
        String results = tech.botSaid().get(0).text();
        assertEquals("📊 投票 #1 结果：满意度\n1. 满意 — 1 票（50%）\n2. 一般 — 1 票（50%）\n共 2 人投票 · 匿名投票。", results);
        assertFalse(live(tech).contains("alice"));
        assertTrue(ledger.counted(Tally.POLL_VOTE).stream().allMatch(c -> c.member() == null), "the tally does not name voters either");
    }

    @Test void onlyModeratorsStartPollsUnlessTheGroupOpensThemToMembers() {
        open(null);
        assertEquals("只有管理员可以在这里使用 /poll 发起投票（这个群没有向成员开放）。", say(tech, "alice", "/poll 吃啥 面 饭"));
        FakeGroup open = bot.group("open");
        assertContains(say(open, "alice", "/投票 吃啥 面 饭"), "📊 投票 #1：吃啥");
        assertEquals("只有发起人或管理员可以结束投票 #1。", say(open, "bob", "/poll close"));
        assertContains(say(open, "alice", "/poll close 1"), "📊 投票 #1 结果：吃啥");
        assertContains(say(tech, "alice", "/poll close"), "现在没有进行中的投票。");
        assertContains(say(tech, "mia", "/poll 只有问题"), "投票需要一个问题和至少两个选项");
    }

    @Test void aPollSurvivesARestartAndClosesLateWhenItsTimePassedWhileDown() {
        open(Database.open(dir.resolve("bot.db"), false));
        say(tech, "mia", "/poll \"下次分享主题\" \"Java\" \"Rust\" 1h");
        press(tech, "alice", 2);
        bot.close();
        clock.advance(Duration.ofMinutes(20));
        open(Database.open(dir.resolve("bot.db"), false));
        tech.post("bob", "2");
        tech.post("alice", "1");
        bot.close();
        clock.advance(Duration.ofHours(2));
        open(Database.open(dir.resolve("bot.db"), false));
        List<SandboxHub.Entry> since = tech.sinceStart().stream().filter(e -> e.kind().equals("bot")).toList();
        assertEquals(1, since.size(), since.toString());
        assertEquals("📊 投票 #1 结果（截止时机器人不在线，现在补发）：下次分享主题\n1. Java — 1 票（50%）：alice\n2. Rust — 1 票（50%）：bob\n共 2 人投票。",
                since.get(0).text());
    }

    @Test void theCalendarStartsAPollThroughItsTrigger() {
        open(null);
        tech.newEntries();
        tech.post("mia", "/fire poll \"今晚几点开会\" \"8点\" \"9点\" 2h");
        List<SandboxHub.Entry> said = tech.botSaid();
        assertEquals(1, said.size());
        assertContains(said.get(0).text(), "📊 投票 #1：今晚几点开会");
        assertNull(bot.db().queryOne("SELECT created_by FROM poll_polls WHERE id = 1", rs -> rs.getString(1)));
    }
}
