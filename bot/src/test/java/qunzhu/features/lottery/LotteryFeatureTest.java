package qunzhu.features.lottery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static qunzhu.testkit.FakeGroup.assertContains;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import qunzhu.core.PointsKind;
import qunzhu.core.Tally;
import qunzhu.features.moderation.ModerationFeature;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.store.Database;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.MutableClock;
import qunzhu.testkit.TestBot;

/** Lotteries on the sandbox: start, every way to enter, conditions, the verifiable draw, restarts, cancel and list. */
@Timeout(120)
class LotteryFeatureTest {
    static final String GROUPS = """
            groups:
              tech:
                chat: sandbox:tech
                title: 技术交流群
            """;
    static final Pattern SEED = Pattern.compile("种子：([0-9a-f]{64})");
    static final Pattern COMMITMENT = Pattern.compile("SHA-256\\(种子\\) = ([0-9a-f]{64})");

    @TempDir Path dir;
    final MutableClock clock = MutableClock.at("2026-11-24T10:00:00+08:00");
    final Ledger ledger = new Ledger();
    TestBot bot;
    FakeGroup tech;

    void open(Database db) {
        TestBot.Builder b = TestBot.with(List.of(new ModerationFeature()), new LotteryFeature(), ledger).yaml(GROUPS).clock(clock)
                .file("accounts.yml", TestBot.HOST_AND_WARDEN);
        if (db != null) b.database(db);
        bot = b.build();
        bot.settle();
        tech = bot.group("tech");
    }

    void restart() {
        bot.close();
        open(Database.open(dir.resolve("bot.db"), false));
    }

    @AfterEach void stop() { if (bot != null) bot.close(); }

    /** The lottery's start post (the newest bot message with a lottery button). */
    SandboxHub.Entry startPost() { return tech.withButton("lottery:join:"); }

    String say(String member, String text) {
        tech.newEntries();
        tech.post(member, text);
        List<SandboxHub.Entry> said = tech.botSaid();
        assertEquals(1, said.size(), "one answer to " + text + ": " + said.stream().map(SandboxHub.Entry::text).toList());
        return said.get(0).text();
    }

    /** What only {@code member} sees after pressing the lottery button (the button's answer, a line only the presser sees). */
    String press(String member) {
        long before = lastSeq(member);
        tech.pressButton(member, "lottery:join:");
        tech.newEntries();
        @SuppressWarnings("unchecked")
        List<SandboxHub.Entry> all = (List<SandboxHub.Entry>) bot.hub().transcript("tech", 0, member).get("entries");
        List<SandboxHub.Entry> lines = all.stream().filter(e -> e.seq() > before && member.equals(e.to())).toList();
        assertEquals(1, lines.size(), "one answer to " + member + "'s press: " + lines);
        return lines.get(0).text();
    }

    long lastSeq(String viewer) {
        @SuppressWarnings("unchecked")
        List<SandboxHub.Entry> all = (List<SandboxHub.Entry>) bot.hub().transcript("tech", 0, viewer).get("entries");
        return all.stream().mapToLong(SandboxHub.Entry::seq).max().orElse(0);
    }

    static String find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertTrue(m.find(), "no " + p + " in " + text);
        return m.group(1);
    }

    // ---- an independent re-implementation of the documented draw (not the feature's Draw class)

    static byte[] sha256(byte[] b) throws Exception { return MessageDigest.getInstance("SHA-256").digest(b); }

    static List<String> reproduce(String seedHex, List<String> entries, int k) throws Exception {
        byte[] seed = HexFormat.of().parseHex(seedHex);
        List<String> remaining = new ArrayList<>(entries);
        remaining.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        List<String> won = new ArrayList<>();
        for (int i = 0; i < k && !remaining.isEmpty(); i++) {
            byte[] input = (new String(seed, StandardCharsets.ISO_8859_1) + ":" + i).getBytes(StandardCharsets.ISO_8859_1);
            int idx = new BigInteger(1, sha256(input)).mod(BigInteger.valueOf(remaining.size())).intValue();
            won.add(remaining.remove(idx));
        }
        return won;
    }

    @Test void aModeratorStartsALotteryWithACommitmentAndMembersEnterEachWay() throws Exception {
        open(null);
        String post = say("mia", "/lottery start 1 机械键盘 2h");
        assertContains(post, "抽奖 #1：机械键盘（1 个名额）");
        assertContains(post, "开奖时间：");
        String commitment = find(COMMITMENT, post);
        String seed = bot.db().queryOne("SELECT seed FROM lottery_lotteries WHERE id = 1", rs -> rs.getString(1));
        assertEquals(HexFormat.of().formatHex(sha256(HexFormat.of().parseHex(seed))), commitment, "the commitment is SHA-256 of the stored seed");
        assertFalse(tech.transcript().toString().contains(seed), "the seed is never posted before the draw");

        assertEquals("alice 已参加抽奖 #1，目前共 1 人。", say("alice", "/join"));
        assertEquals("bob 已参加抽奖 #1，目前共 2 人。", say("bob", "参与"));
        assertEquals("这个群里没有编号为 7 的抽奖。发送 /lottery list 查看。", say("bob", "参与 7"));
        assertContains(press("carol"), "carol 已参加抽奖 #1，目前共 3 人。");
        assertEquals("alice，你已经参加过抽奖 #1 了，每人只能参加一次。", say("alice", "参与"));
        assertContains(press("bob"), "bob，你已经参加过抽奖 #1 了");
        assertEquals(3, bot.db().count("SELECT COUNT(*) FROM lottery_entries WHERE lottery_id = 1"));
        assertEquals(3, ledger.counted(Tally.LOTTERY_ENTRY).size());
    }

    @Test void membersCannotStartDrawOrCancel() {
        open(null);
        assertContains(say("alice", "/lottery start 1 键盘"), "只有管理员可以在这里使用 /lottery start（你是成员）");
        say("mia", "/抽奖 start 1 键盘");
        assertContains(say("alice", "/lottery draw"), "/lottery draw");
        assertContains(say("bob", "/lottery cancel 1"), "/lottery cancel");
        assertEquals("open", bot.db().queryOne("SELECT status FROM lottery_lotteries WHERE id = 1", rs -> rs.getString(1)));
    }

    @Test void badStartLinesSayWhatIsWrong() {
        open(null);
        assertContains(say("mia", "/lottery start 键盘"), "名额必须是 1 到 100 之间的整数，收到「键盘」");
        assertContains(say("mia", "/lottery start 2"), "请写明奖品");
        assertContains(say("mia", "/lottery start 2 键盘 25:00"), "看不懂开奖时间「25:00」");
        assertEquals(0, bot.db().count("SELECT COUNT(*) FROM lottery_lotteries"));
    }

    @Test void theDrawAtItsTimeRevealsTheSeedAndAnyoneReproducesTheWinners() throws Exception {
        open(null);
        String post = say("mia", "/lottery start 3 周边礼包 1h");
        String commitment = find(COMMITMENT, post);
        List<String> members = List.of("alice", "bob", "carol", "olivia", "张三", "Zed", "élodie");
        for (String m : members) {
            if (!tech.members().contains(m)) tech.join(m);
            say(m, "/join");
        }
        tech.newEntries();
        bot.advance(Duration.ofHours(1));
        List<SandboxHub.Entry> said = tech.botSaid();
        assertEquals(1, said.size());
        String drawn = said.get(0).text();
        assertContains(drawn, "抽奖 #1「周边礼包」开奖！共 7 人参与。");
        assertFalse(drawn.contains("补开"), "on time");
        String seed = find(SEED, drawn);
        assertEquals(HexFormat.of().formatHex(sha256(HexFormat.of().parseHex(seed))), commitment, "the revealed seed matches the commitment");

        List<String> expected = reproduce(seed, members, 3);
        assertContains(drawn, "中奖：" + String.join("、", expected.stream().map(w -> "@" + w).toList()));
        assertEquals(1, ledger.counted(Tally.LOTTERY_DRAWN).size());
        assertEquals(7, ledger.counted(Tally.LOTTERY_DRAWN).get(0).value());

        // /lottery verify prints the proof and the list; the README's script gets the same winners from it.
        tech.newEntries();
        tech.post("bob", "/lottery verify 1");
        List<String> proof = tech.botSaid().stream().map(SandboxHub.Entry::text).toList();
        assertEquals(2, proof.size(), proof.toString());
        assertContains(proof.get(0), "种子（32 字节，十六进制）：" + seed);
        assertContains(proof.get(0), "中奖者 id（依次）：" + String.join(", ", expected));
        List<String> listed = List.of(proof.get(1).substring(proof.get(1).indexOf('\n') + 1).split("\n"));
        assertEquals(List.of("Zed", "alice", "bob", "carol", "olivia", "élodie", "张三"), listed, "sorted by UTF-8 bytes");

        Assumptions.assumeTrue(python(), "python3 is not installed: the script is not run");
        Path entries = dir.resolve("entries.txt");
        Files.writeString(entries, String.join("\n", listed) + "\n", StandardCharsets.UTF_8);
        List<String> out = run("python3", "../scripts/lottery-verify.py", seed, commitment, "3", entries.toString());
        assertEquals("entries sha256: " + find(Pattern.compile("名单 SHA-256：([0-9a-f]{64})"), drawn), out.get(0));
        assertEquals(expected, out.subList(1, out.size()), "the script draws the same winners");
    }

    @Test void theReadmeShowsTheVerificationScriptAsShipped() throws Exception {
        String script = Files.readString(Path.of("..", "scripts", "lottery-verify.py"), StandardCharsets.UTF_8);
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        assertTrue(readme.contains("```python\n" + script + "```"), "README's script is scripts/lottery-verify.py");
        assertTrue(script.lines().count() <= 10, "ten lines");
    }

    static boolean python() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }

    static List<String> run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the script finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return List.of(out.strip().split("\n"));
    }

    @Test void membershipAgeRecentMessagesAndPointsAreConditions() {
        open(null);
        tech.post("alice", "早");                    // alice is seen now; carol only later
        bot.advance(Duration.ofDays(10));
        for (int i = 0; i < 3; i++) tech.post("alice", "消息 " + i);
        tech.post("bob", "一条");
        ledger.balances.put("alice", 150L);
        ledger.balances.put("bob", 50L);

        say("mia", "/lottery start 1 键盘 days=7");
        assertEquals("carol，抽奖 #1 要求入群满 7 天，你才 0 天。", say("carol", "/join"));
        assertContains(say("alice", "/join"), "alice 已参加抽奖 #1");
        say("mia", "/lottery cancel 1");

        say("mia", "/lottery start 1 鼠标 messages=3");
        assertEquals("bob，抽奖 #2 要求近 7 天发言至少 3 条，你有 1 条。", say("bob", "/join"), "the /join itself does not count");
        assertContains(say("alice", "/join"), "alice 已参加抽奖 #2");
        say("mia", "/lottery cancel 2");

        bot.advance(Duration.ofDays(8));
        say("mia", "/lottery start 1 耳机 messages=3");
        assertEquals("alice，抽奖 #3 要求近 7 天发言至少 3 条，你有 0 条。", say("alice", "/join"), "only the last 7 days count");
        say("mia", "/lottery cancel 3");

        say("mia", "/lottery start 1 台灯 points=100");
        assertContains(press("bob"), "bob，抽奖 #4 要求积分至少 100，你有 50。");
        assertContains(press("alice"), "alice 已参加抽奖 #4");
        assertEquals(List.of(), ledger.changes, "no cost, no points moved");
    }

    @Test void anEntryCanCostPointsAndACancelRefundsThem() {
        open(null);
        ledger.balances.put("alice", 100L);
        ledger.balances.put("bob", 5L);
        say("mia", "/lottery start 1 显示器 cost=30 1h");
        assertEquals("bob，参加抽奖 #1 需要 30 积分，你只有 5。", say("bob", "/join"));
        assertEquals("alice 已参加抽奖 #1（扣除 30 积分），目前共 1 人。", say("alice", "/join"));
        assertEquals(1, ledger.changes.size());
        var spend = ledger.changes.get(0);
        assertEquals(-30, spend.delta());
        assertEquals(PointsKind.SPEND, spend.kind());
        assertEquals("lottery:1", spend.source());
        assertEquals("alice", spend.member().id());

        assertEquals("抽奖 #1「显示器」已取消。已退还 1 人各 30 积分。", say("mia", "/lottery cancel"));
        bot.settle();
        assertEquals(2, ledger.changes.size(), ledger.changes.toString());
        var refund = ledger.changes.get(1);
        assertEquals(30, refund.delta());
        assertEquals("lottery:1:refund", refund.source());
        assertEquals("抽奖 #1 已经结束，不能再参加或开奖。", say("carol", "/join 1"));
        tech.newEntries();
        bot.advance(Duration.ofHours(2));
        assertEquals(List.of(), tech.botSaid(), "a cancelled lottery is not drawn");
    }

    @Test void mutedAndBannedMembersCannotEnter() {
        open(null);
        say("mia", "/lottery start 1 键盘");
        tech.post("mia", "/mute bob 10m 刷屏");
        assertContains(press("bob"), "bob，你正在禁言中，不能参加抽奖 #1。");
        tech.post("mia", "/unmute bob");
        assertContains(press("bob"), "bob 已参加抽奖 #1");
        tech.post("mia", "/ban carol 广告");
        assertContains(press("carol"), "carol，你已被封禁，不能参加抽奖 #1。");
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM lottery_entries"));
    }

    @Test void aLotterySurvivesARestartBeforeItsDraw() throws Exception {
        open(Database.open(dir.resolve("bot.db"), false));
        String commitment = find(COMMITMENT, say("mia", "/lottery start 1 键盘 1h"));
        say("alice", "/join");
        clock.advance(Duration.ofMinutes(30));
        restart();
        assertContains(say("bob", "参与"), "bob 已参加抽奖 #1，目前共 2 人。");
        tech.newEntries();
        bot.advance(Duration.ofMinutes(30));
        String drawn = tech.botSaid().get(0).text();
        assertContains(drawn, "共 2 人参与");
        assertFalse(drawn.contains("补开"));
        String seed = find(SEED, drawn);
        assertEquals(HexFormat.of().formatHex(sha256(HexFormat.of().parseHex(seed))), commitment, "the seed from before the restart");
        assertContains(drawn, "中奖：@" + reproduce(seed, List.of("alice", "bob"), 1).get(0));
    }

    @Test void aDrawWhoseTimePassedWhileTheBotWasDownRunsAtStartAndSaysItIsLate() {
        open(Database.open(dir.resolve("bot.db"), false));
        say("mia", "/lottery start 1 键盘 20:00");
        say("alice", "/join");
        bot.close();
        clock.advance(Duration.ofHours(12));           // 22:00: the draw time passed while down
        open(Database.open(dir.resolve("bot.db"), false));
        List<SandboxHub.Entry> since = tech.sinceStart().stream().filter(e -> e.kind().equals("bot")).toList();
        assertEquals(1, since.size(), since.toString());
        assertContains(since.get(0).text(), "开奖（原定 20:00 开奖时机器人不在线，现在补开）！共 1 人参与。");
        assertContains(since.get(0).text(), "中奖：@alice");
        assertEquals(1, bot.db().count("SELECT late FROM lottery_lotteries WHERE id = 1"));
    }

    @Test void listShowsOpenAndDrawnLotteriesAndVerifyBeforeTheDrawKeepsTheSeed() {
        open(null);
        assertEquals("这个群还没有抽奖。", say("alice", "/lottery list"));
        tech.shouldNotReply("bob", "参与");          // the keyword, said while nothing is open, is just a message
        say("mia", "/lottery start 2 键盘 30m");
        say("mia", "/lottery start 1 鼠标");
        say("alice", "/join 1");
        assertContains(say("bob", "/join"), "现在有多个抽奖：#1, #2。请指明编号，例如 /join 2");
        say("mia", "/lottery draw 2");
        String list = say("carol", "/lottery list");
        assertContains(list, "#1 键盘 ×2，1 人参加，开奖：");
        assertContains(list, "#2 鼠标：已开奖（0 人参加）");
        String verify = say("carol", "/lottery verify 1");
        assertContains(verify, "抽奖 #1「键盘」（2 个名额）进行中。");
        String seed = bot.db().queryOne("SELECT seed FROM lottery_lotteries WHERE id = 1", rs -> rs.getString(1));
        assertFalse(verify.contains(seed));
        assertContains(say("carol", "/lottery verify 9"), "这个群里没有编号为 9 的抽奖");
    }

    @Test void theCalendarStartsALotteryThroughItsTrigger() {
        open(null);
        tech.newEntries();
        tech.post("mia", "/fire lottery late 1 会员月卡 1h messages=0");
        List<SandboxHub.Entry> said = tech.botSaid();
        assertEquals(1, said.size());
        assertContains(said.get(0).text(), "（本该更早发出：当时机器人不在线，现在补上。）\n🎁 抽奖 #1：会员月卡（1 个名额）");
        assertNotNull(startPost());
        tech.newEntries();
        tech.post("mia", "/fire quiz 默认题库");
        assertEquals(List.of(), tech.botSaid(), "other triggers are not the lottery's");
    }
}
