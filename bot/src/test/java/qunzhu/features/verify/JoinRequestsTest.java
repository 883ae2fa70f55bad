package qunzhu.features.verify;

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
import qunzhu.features.welcome.WelcomeFeature;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;

/** Verification and welcome alone: tech leaves requests to moderators, family approves on a right answer. */
class JoinRequestsTest {
    static final String GROUPS = """
            groups:
              tech:
                chat: sandbox:tech
                title: 技术交流群
                strategy: layered
                join_requests: {policy: moderators, notice_in: group}
              family:
                chat: sandbox:family
                title: Family & Friends
                locale: en
                category: core_members
                stage: mature
                strategy: self_governed
                join_requests:
                  policy: auto
                  answers: [friend, family]
                  decline_reason: "Sorry {name}, we could not place you. Ask whoever invited you to {group}."
                welcome:
                  text: "Welcome, {name}! Say hi to everyone in {group}. {rules_hint}"
            """;

    /** Join requests are handled by an account with the moderator persona, as in the shipped config. */
    static final String ACCOUNTS = TestBot.HOST_AND_WARDEN;

    /** Verification (before the command router, as shipped) and the welcome, with host and warden accounts. */
    static TestBot.Builder verifyAndWelcome() {
        return TestBot.with(List.of(new VerifyFeature()), new WelcomeFeature()).file("accounts.yml", ACCOUNTS);
    }

    TestBot bot = verifyAndWelcome().yaml(GROUPS).build();
    final FakeGroup tech = bot.group("tech");
    final FakeGroup family = bot.group("family");

    @AfterEach void stop() { bot.close(); }

    String declineReason(String member) {
        return bot.db().queryOne("SELECT reason FROM action_log WHERE kind = 'declinejoin' AND member_id = ?", rs -> rs.getString(1), member);
    }

    @Test void moderatorApprovesWithTheNoticeButton() {
        tech.request("erin", "朋友推荐来的");
        SandboxHub.Entry notice = tech.botSaid().get(0);
        FakeGroup.assertContains(notice.text(), "erin 申请加入「技术交流群」\n附言：朋友推荐来的");
        assertEquals("小管家", notice.authorName(), "the moderator persona handles requests");
        tech.pressButton("mia", "join:a:");
        assertTrue(tech.members().contains("erin"));
        SandboxHub.Entry edited = tech.message(notice.id());
        assertEquals("✅ erin 加入「技术交流群」的申请已由 mia 批准。", edited.text());
        assertEquals(List.of(), edited.buttons(), "buttons gone once decided");
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM join_requests WHERE member_id = 'erin' AND status = 'approved' AND decided_by = 'mia'"));
    }

    @Test void memberPressingApproveIsRefusedAndNothingHappens() {
        tech.request("erin", null);
        FakeGroup.assertContains(tech.botSaid().get(0).text(), "附言：（无）");
        tech.pressButton("alice", "join:a:");
        assertFalse(tech.members().contains("erin"));
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM action_log WHERE kind = 'answerbutton' AND text = '只有管理员可以处理入群申请。'"));
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM join_requests WHERE status = 'pending'"));
    }

    @Test void moderatorDeclinesWithTheShippedReason() {
        tech.request("erin", "加我看福利");
        tech.pressButton("mia", "join:d:");
        assertFalse(tech.members().contains("erin"));
        FakeGroup.assertContains(declineReason("erin"), "你加入「技术交流群」的申请未通过");
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM join_requests WHERE status = 'declined' AND decided_by = 'mia'"));
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM action_log WHERE kind = 'edit' AND text = '✖ erin 加入「技术交流群」的申请已由 mia 拒绝。'"));
    }

    @Test void autoPolicyApprovesTheRightAnswerInTheComment() {
        family.request("erin", "问题：你是谁的朋友？\n答案：ＦＲＩＥＮＤ");
        assertTrue(family.members().contains("erin"));
        List<SandboxHub.Entry> said = family.botSaid();
        assertEquals(1, said.size(), "only the welcome, no verification: " + said);
        FakeGroup.assertContains(said.get(0).text(), "Welcome, erin!");
        assertEquals(List.of(), family.muted());
    }

    @Test void autoPolicyDeclinesAWrongAnswerWithTheGroupsReason() {
        family.request("erin", "spam bot");
        assertFalse(family.members().contains("erin"));
        assertEquals("Sorry erin, we could not place you. Ask whoever invited you to Family & Friends.", declineReason("erin"));
    }

    @Test void approvedMemberIsNotVerifiedAgainWhenTheyRejoinTheSameDay() {
        family.request("erin", "family");
        family.leave("erin");
        family.newEntries();
        family.join("erin");
        assertEquals(List.of(), family.muted());
        List<SandboxHub.Entry> said = family.botSaid();
        assertEquals(1, said.size());
        FakeGroup.assertContains(said.get(0).text(), "Welcome, erin!");
    }

    @Test void noticeMayGoToTheLogChatWhereTheRoleIsCheckedInTheRequestsGroup() {
        bot.close();
        bot = verifyAndWelcome().yaml("""
                groups:
                  tech:
                    chat: sandbox:tech
                    title: 技术交流群
                    join_requests: {policy: moderators, notice_in: log_chat}
                """).build();
        FakeGroup techNow = bot.group("tech");
        FakeGroup ops = bot.group("ops");
        techNow.request("erin", "hi");
        assertEquals(List.of(), techNow.botSaid());
        FakeGroup.assertContains(ops.botSaid().get(0).text(), "erin 申请加入「技术交流群」");
        bot.hub().addGroup("ops", null, List.of("mia"), List.of());
        ops.pressButton("alice", "join:a:");
        assertFalse(techNow.members().contains("erin"), "alice is no moderator of tech");
        ops.pressButton("mia", "join:a:");
        assertTrue(techNow.members().contains("erin"), "mia moderates tech, so her press in the log chat counts");
    }

    @Test void secondModeratorPressingAnAlreadyDecidedRequestIsToldSo() {
        tech.request("erin", "hi");
        SandboxHub.Entry notice = tech.botSaid().get(0);
        String decline = notice.buttons().get(1).data();
        tech.pressButton("mia", "join:a:");
        // A second moderator pressed Decline on the same notice a moment before it was edited.
        ChatRef chat = new ChatRef("sandbox", "tech");
        bot.bot().pipeline().accept(List.of(new Event.ButtonPressed(EventKey.of(chat, "late-press"), chat, bot.clock().instant(),
                "host", MemberRef.of("olivia", "olivia"), notice.id(), decline, "late-press")));
        bot.settle();
        assertTrue(tech.members().contains("erin"), "the first decision stands");
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM action_log WHERE kind = 'answerbutton' AND text = '这个申请已经处理过了（已批准）。'"));
        assertEquals(0, bot.db().count("SELECT COUNT(*) FROM action_log WHERE kind = 'declinejoin'"));
    }

    @Test void autoPolicyFindsTheAnswerAsAWordInsideTheComment() {
        family.request("erin", "I am a friend of bob");
        assertTrue(family.members().contains("erin"), "\"friend\" is in the comment as a word");
        family.request("frank", "Friendly stranger here");
        assertFalse(family.members().contains("frank"), "\"friendly\" is not the word \"friend\"");
    }

    @Test void autoPolicyMatchesOnlyTheAnswerPartOfAOneBotComment() {
        family.request("erin", "问题：Friend or family?\n答案：bob's friend");
        assertTrue(family.members().contains("erin"));
        family.request("frank", "问题：friend or family?\n答案：no idea");
        assertFalse(family.members().contains("frank"), "the question's own words are no answer");
    }

    @Test void chineseAnswersMatchInsideTheComment() {
        bot.close();
        bot = verifyAndWelcome().yaml("""
                groups:
                  tech:
                    chat: sandbox:tech
                    title: 技术交流群
                    join_requests: {policy: auto, answers: [Java]}
                  family:
                    chat: sandbox:family
                    title: 家人群
                    join_requests: {policy: auto, answers: [老同学]}
                """).build();
        bot.group("family").request("erin", "问题：你和群主是什么关系？\n答案：我是他的老同学");
        assertTrue(bot.group("family").members().contains("erin"));
        bot.group("tech").request("frank", "我主要写 Java 和 Go");
        assertTrue(bot.group("tech").members().contains("frank"));
    }

    @Test void aGroupWithoutJoinQuestionsDoesNotMentionOneWhenDeclining() {
        tech.request("erin", "hi");
        tech.pressButton("mia", "join:d:");
        String reason = declineReason("erin");
        FakeGroup.assertContains(reason, "你加入「技术交流群」的申请未通过");
        assertFalse(reason.contains("问题"), "tech asks no join question: " + reason);
    }
}
