package qunzhu.features.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import qunzhu.feature.CommandSpec;
import qunzhu.core.Role;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;

/**
 * Every command that needs more than a member, tried by each kind of caller in the shipped
 * config's tech group (layered, zh-CN): alice (member), carol (trusted, listed under
 * moderation.trusted), mia (the sandbox admin of tech: moderator), olivia (bot.operators).
 * Each refusal is the plain "only moderators/operators" reply and changes nothing; each allowed
 * call does what the command says. Before each call, mia has warned bob (case #1) and bob has
 * posted one message. The table is the shipped bot's (its privileged commands come from
 * moderation, rules, announcements and highlights), so its cells run on the shipped config; the other
 * tests run the moderation feature alone.
 */
class CommandRolesTest {
    enum Caller {
        MEMBER("alice"), TRUSTED("carol"), MODERATOR("mia"), OPERATOR("olivia");
        final String name;
        Caller(String name) { this.name = name; }
    }

    /** What a caller sees and what the call changed. */
    record Seen(FakeGroup tech, List<String> said, String bobsMessage, TestBot bot) {
        boolean saidContains(String s) { return said.stream().anyMatch(t -> t.contains(s)); }
    }

    /**
     * One command: how to call it ({@code {bob}} stands for bob's message id when replying),
     * who may, and what shows it ran.
     */
    record Row(String command, String line, boolean replyToBob, Role needs, boolean trustedMay, Predicate<Seen> ran) {
        boolean allowed(Caller c) {
            return switch (c) {
                case MEMBER -> needs == Role.MEMBER;
                case TRUSTED -> needs == Role.MEMBER || trustedMay;
                case MODERATOR -> needs != Role.OPERATOR;
                case OPERATOR -> true;
            };
        }
    }

    static final List<Row> ROWS = List.of(
            new Row("warn", "/warn bob 跑题", false, Role.MODERATOR, true, s -> s.saidContains("bob 被警告")),
            new Row("unwarn", "/unwarn bob", false, Role.MODERATOR, false, s -> s.saidContains("已撤销 bob 最近的一次警告")),
            new Row("resetwarns", "/resetwarns bob", false, Role.MODERATOR, false, s -> s.saidContains("已清空 bob 的全部警告")),
            new Row("mute", "/mute bob 10m 刷屏", false, Role.MODERATOR, false, s -> s.tech().muted().contains("bob")),
            new Row("unmute", "/unmute bob", false, Role.MODERATOR, false, s -> s.saidContains("已解除 bob 的禁言")),
            new Row("kick", "/kick bob 广告", false, Role.MODERATOR, false, s -> !s.tech().members().contains("bob")),
            new Row("ban", "/ban bob 广告", false, Role.MODERATOR, false, s -> s.tech().banned().contains("bob")),
            new Row("unban", "/unban bob", false, Role.MODERATOR, false, s -> s.saidContains("已解除 bob 的封禁")),
            new Row("del", "/del 广告", true, Role.MODERATOR, false, s -> !s.tech().visible(s.bobsMessage())),
            new Row("purge", "/purge 1", false, Role.MODERATOR, false, s -> !s.tech().visible(s.bobsMessage())),
            new Row("case", "/case 1", false, Role.MODERATOR, false, s -> s.saidContains("案件 #1（技术交流群）")),
            new Row("undo", "/undo 1", false, Role.MODERATOR, false, s -> s.saidContains("已撤销案件 #1")),
            new Row("filter", "/filter add promo mute 优惠码", false, Role.MODERATOR, false, s -> s.saidContains("已添加过滤规则「promo」")),
            new Row("lock", "/lock links", false, Role.MODERATOR, false, s -> s.saidContains("已锁定：links")),
            new Row("unlock", "/unlock links", false, Role.MODERATOR, false, s -> s.saidContains("已解除锁定")),
            new Row("antiraid", "/antiraid on", false, Role.MODERATOR, false, s -> s.saidContains("已开启防突袭模式")),
            new Row("setrules", "/setrules 新群规", false, Role.MODERATOR, false, s -> s.saidContains("群规已更新")),
            new Row("announce", "/announce 今晚停机维护", false, Role.MODERATOR, false, s -> s.saidContains("今晚停机维护")),
            new Row("highlight", "/highlight", true, Role.MODERATOR, false, s -> s.saidContains("已设为精华")),
            new Row("recap", "/recap", false, Role.MODERATOR, false, s -> s.saidContains("最近 7 天")),
            new Row("poll", "/poll 午饭 面条 米饭", false, Role.MODERATOR, false, s -> s.saidContains("📊 投票 #1：午饭")),
            new Row("schedule", "/schedule list", false, Role.OPERATOR, false, s -> s.saidContains("内容日历")),
            new Row("post", "/post now tips", false, Role.OPERATOR, false, s -> s.saidContains("没有名为「tips」的日程")),
            new Row("broadcast", "/broadcast tech 今晚停机", false, Role.OPERATOR, false, s -> s.saidContains("今晚停机")),
            new Row("gban", "/gban bob 广告", false, Role.OPERATOR, false, s -> s.saidContains("已将 bob 加入全局封禁名单")),
            new Row("gunban", "/gunban bob", false, Role.OPERATOR, false, s -> s.saidContains("bob 不在任何共享封禁名单上")),
            new Row("backtest", "/backtest 7", false, Role.OPERATOR, false, s -> s.saidContains("回测最近 7 天")),
            new Row("whois", "/whois bob", false, Role.MODERATOR, false, s -> s.saidContains("层级：")),
            new Row("givepoints", "/givepoints bob 5 答疑", false, Role.OPERATOR, false, s -> s.saidContains("已为 bob 调整积分 +5")),
            new Row("persona", "/persona list", false, Role.OPERATOR, false, s -> s.saidContains("人设与账号")),
            new Row("stats", "/stats", false, Role.MODERATOR, false, s -> s.saidContains("📊 技术交流群 · 数据")),
            new Row("digest", "/digest now", false, Role.OPERATOR, false, s -> s.saidContains("已发送日报")));

    static Stream<Arguments> cells(boolean allowed) {
        List<Arguments> out = new ArrayList<>();
        for (Row r : ROWS) for (Caller c : Caller.values()) if (r.allowed(c) == allowed) out.add(Arguments.of(r.command(), c, r));
        return out.stream();
    }

    static Stream<Arguments> allowedCells() { return cells(true); }
    static Stream<Arguments> refusedCells() { return cells(false); }

    /** Mia warns bob (case #1), bob posts; returns bob's message id. */
    static String setUp(FakeGroup tech) {
        tech.post("mia", "/warn bob 一");
        String bobs = tech.post("bob", "hello");
        tech.newEntries();
        return bobs;
    }

    static Seen call(TestBot bot, FakeGroup tech, String bobs, Caller caller, Row row) {
        if (row.replyToBob()) tech.reply(caller.name, bobs, row.line());
        else tech.post(caller.name, row.line());
        List<String> said = tech.newEntries().stream().filter(e -> e.kind().equals("bot")).map(SandboxHub.Entry::text).toList();
        return new Seen(tech, said, bobs, bot);
    }

    static String refusal(Row row) { return "只有" + (row.needs() == Role.OPERATOR ? "运营者" : "管理员") + "可以在这里使用 /" + row.command(); }

    static final String WARN_REFUSAL = "只有管理员（分层管理的群里还有受信成员）可以警告";

    /** Each allowed call on a bot of its own (allowed calls change the group). */
    @ParameterizedTest(name = "/{0} by {1} runs")
    @MethodSource("allowedCells")
    void allowedCallsRun(String command, Caller caller, Row row) {
        try (TestBot bot = TestBot.shipped()) {
            FakeGroup tech = bot.group("tech");
            Seen seen = call(bot, tech, setUp(tech), caller, row);
            assertTrue(row.ran().test(seen), "/" + command + " by " + caller + " should have run; the bot said " + seen.said());
            assertFalse(seen.saidContains(refusal(row)) || seen.saidContains(WARN_REFUSAL), "not refused: " + seen.said());
        }
    }

    /** The refusals share one bot: a refused call changes nothing, which each cell checks. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Refusals {
        TestBot bot;
        FakeGroup tech;
        String bobs;

        @BeforeAll void start() {
            bot = TestBot.shipped();
            tech = bot.group("tech");
            bobs = setUp(tech);
        }

        @AfterAll void stop() { bot.close(); }

        @ParameterizedTest(name = "/{0} by {1} is refused")
        @MethodSource("qunzhu.features.moderation.CommandRolesTest#refusedCells")
        void refusedCallsSaySoAndChangeNothing(String command, Caller caller, Row row) {
            bot.advance(java.time.Duration.ofMinutes(1));   // one caller's many calls are not a flood
            Seen seen = call(bot, tech, bobs, caller, row);
            assertTrue(seen.said().size() == 1 && (seen.said().get(0).contains(refusal(row)) || seen.said().get(0).contains(WARN_REFUSAL)),
                    "/" + command + " by " + caller + " should be refused in plain words; the bot said " + seen.said());
            assertFalse(row.ran().test(seen), "/" + command + " by " + caller + " was refused but still ran: " + seen.said());
            assertTrue(tech.visible(bobs) && tech.members().contains("bob") && tech.muted().isEmpty() && tech.banned().isEmpty(),
                    "nothing happened to bob");
        }
    }

    /** The table covers every command registered for moderators or operators (and /warn, open to trusted members). */
    @Test void theTableCoversEveryPrivilegedCommand() {
        try (TestBot bot = TestBot.shipped()) {
            Set<String> privileged = new TreeSet<>(Set.of("warn"));
            for (CommandSpec c : bot.bot().pipeline().installed().commands()) if (c.role() != Role.MEMBER) privileged.add(c.name());
            Set<String> rows = new TreeSet<>();
            for (Row r : ROWS) rows.add(r.command());
            assertEquals(privileged, rows);
            for (Row r : ROWS) {
                if (r.command().equals("warn")) continue;
                Role registered = bot.bot().pipeline().installed().commands().stream().filter(c -> c.name().equals(r.command()))
                        .map(CommandSpec::role).findFirst().orElse(null);
                assertEquals(registered, r.needs(), "/" + r.command() + "'s role in the table");
            }
        }
    }

    @Test void aSandboxMemberNamedLikeTheGroupIsAPlainMember() {
        String withTech = TestBot.MINIMAL.replace("members: [alice, bob, carol, olivia]", "members: [alice, bob, carol, olivia, tech]");
        assertTrue(withTech.contains("olivia, tech]"), "the base config no longer lists its members this way");
        try (TestBot bot = ModerationBots.techAndFamily().file("bot.yml", withTech).build()) {
            FakeGroup tech = bot.group("tech");
            tech.post("bob", "hello");
            tech.shouldReply("tech", "/ban bob 广告", "只有管理员可以在这里使用 /ban");
            assertEquals(List.of(), tech.banned());
            String ad = tech.post("tech", "加微信 领资料");
            assertFalse(tech.visible(ad), "filtered like any member's message");
        }
    }

    @Test void purgeKeepsTheMessagesOfModeratorsAndOperators() {
        try (TestBot bot = ModerationBots.techAndFamily().build()) {
            FakeGroup tech = bot.group("tech");
            String bobs = tech.post("bob", "一");
            String mias = tech.post("mia", "二");
            String olivias = tech.post("olivia", "三");
            String alices = tech.post("alice", "四");
            tech.newEntries();
            tech.post("mia", "/purge 4");
            List<String> said = tech.botSaid().stream().map(SandboxHub.Entry::text).toList();
            assertFalse(tech.visible(bobs));
            assertFalse(tech.visible(alices));
            assertTrue(tech.visible(mias), "an admin's message stays");
            assertTrue(tech.visible(olivias), "an operator's message stays");
            assertTrue(said.stream().anyMatch(t -> t.contains("已清理 2 条消息") && t.contains("2 条消息保留")), said.toString());
        }
    }

    @Test void aModeratorCannotUndoAnOperatorsBanButAnOperatorCan() {
        try (TestBot bot = ModerationBots.techAndFamily().build()) {
            FakeGroup tech = bot.group("tech");
            tech.post("olivia", "/ban bob 1d 广告");
            assertEquals(List.of("bob"), tech.banned());
            tech.shouldReply("mia", "/undo 1", "案件 #1 是运营 olivia 处理的，只有运营可以撤销");
            assertEquals(List.of("bob"), tech.banned(), "still banned");
            tech.shouldReply("olivia", "/undo 1", "已撤销案件 #1");
            assertEquals(List.of(), tech.banned());
        }
    }

    @Test void aModeratorMayUndoAnotherModeratorsCase() {
        String withMod = ModerationBots.GROUPS.replace("    strategy: layered\n", "    strategy: layered\n    moderators: [\"sandbox:carol\"]\n");
        assertFalse(withMod.equals(ModerationBots.GROUPS));
        try (TestBot bot = ModerationBots.moderation().yaml(withMod).build()) {
            FakeGroup tech = bot.group("tech");
            tech.post("carol", "/mute bob 1h 刷屏");
            assertEquals(List.of("bob"), tech.muted());
            tech.shouldReply("mia", "/undo 1", "已撤销案件 #1");
            assertEquals(List.of(), tech.muted());
        }
    }

}
