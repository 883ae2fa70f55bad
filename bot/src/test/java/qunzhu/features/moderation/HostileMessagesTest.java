package qunzhu.features.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import qunzhu.features.rules.RulesFeature;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;
import qunzhu.text.CountingText;
import qunzhu.text.HostileText;

/**
 * Messages built to stall the filters: combining accents by the thousand, "a.a.a.a...",
 * handle prefixes. Work is measured in reads of the text, never in time.
 */
class HostileMessagesTest {
    @Test void theShippedAdPatternReadsHostileTextsALinearNumberOfTimes() {
        Pattern ads = Rule.compile(AdPatterns.REGEX);
        for (Map.Entry<String, String> e : HostileText.all().entrySet()) {
            CountingText text = CountingText.of(e.getValue(), 50);
            ads.matcher(text).find();
            System.out.printf("ads regex on %s (%d chars): %d reads%n", e.getKey(), e.getValue().length(), text.reads());
        }
    }

    @Test void anAdAfter800CombiningMarksIsDeletedAndTheMemberWarned() {
        try (TestBot bot = ModerationBots.techAndFamily().build()) {
            FakeGroup tech = bot.group("tech");
            String id = tech.post("bob", "加" + HostileText.ACUTE.repeat(800) + "vx123456");
            assertTrue(tech.message(id).deleted(), "the ad is deleted");
            FakeGroup.assertContains(tech.botSaid().get(0).text(), "bob 被警告（第 1 次，案件 #1）");
            assertEquals("ads/warn", bot.db().queryOne("SELECT rule || '/' || action FROM moderation_cases WHERE chat_id = 'tech' AND number = 1",
                    rs -> rs.getString(1)));
        }
    }

    @Test void hostileMessagesInOneGroupDoNotStallCommandsInAnother() {
        // family's /rules (the rules feature, after the router) is the command that must still answer
        String familyRules = """
                    rules:
                      text: |
                        1. Be kind.
                        2. No spam or ads.
                """;
        try (TestBot bot = ModerationBots.moderation(List.of(), new RulesFeature()).yaml(ModerationBots.GROUPS + familyRules).build()) {
            FakeGroup tech = bot.group("tech");
            FakeGroup family = bot.group("family");
            for (String hostile : HostileText.all().values()) {
                tech.post("bob", hostile); // each post waits (10 s at most) until the bot has reacted
                bot.advance(Duration.ofSeconds(11)); // not a flood
            }
            family.shouldReply("alice", "/rules", "1. Be kind.");
        }
    }

    @Test void aRegexOverBudgetOnTheWholeMessageIsStillJudgedOnItsHeadAndTail() {
        String groups = """
                groups:
                  tech:
                    chat: sandbox:tech
                    moderation:
                      blocklist:
                        - {name: spamword, regex: "x*z|spamword\\\\d+", action: delete}
                """;
        try (TestBot bot = ModerationBots.moderation().yaml(groups).build()) {
            FakeGroup tech = bot.group("tech");
            // "x*z" reads the rest of the x's from each one: quadratic, far over the message's budget
            String middle = "x".repeat(50_000);
            // The padding is Latin: spaces between CJK characters are removed before judging, which would shorten it.
            String spam = tech.post("bob", "ab ".repeat(1_400) + middle + " " + "ab ".repeat(400) + "spamword123");
            assertTrue(tech.message(spam).deleted(), "judged on its first 4 K and last 1 K characters");
            String plain = tech.post("alice", "ab ".repeat(1_400) + middle + " " + "ab ".repeat(400) + "谢谢");
            assertFalse(tech.message(plain).deleted(), "a regex over both budgets counts as no match");
            assertEquals("spamword/delete", bot.db().queryOne("SELECT rule || '/' || action FROM moderation_cases WHERE chat_id = 'tech' AND number = 1",
                    rs -> rs.getString(1)));
        }
    }

    @Test void aRegexThatOverflowsTheStackCountsAsOverBudgetAndTheBotCarriesOn() {
        String groups = """
                groups:
                  tech:
                    chat: sandbox:tech
                    moderation:
                      blocklist:
                        - {name: deep, regex: "(?:a|b)*c", action: delete}
                        - {name: plain, keywords: [forbidden-word], action: delete}
                """;
        try (TestBot bot = ModerationBots.moderation().yaml(groups).build()) {
            FakeGroup tech = bot.group("tech");
            // java.util.regex recurses once per repetition of a group: 60 K of them overflow the stack
            String deep = tech.post("bob", "ab".repeat(30_000) + "c");
            assertFalse(tech.message(deep).deleted(), "too deep on the whole text and on its bounded form: no match");
            assertTrue(tech.message(tech.post("bob", "forbidden-word")).deleted(), "the pipeline keeps working");
            assertTrue(tech.message(tech.post("alice", "ab".repeat(100) + "c")).deleted(), "the rule still works on short text");
        }
    }
}
