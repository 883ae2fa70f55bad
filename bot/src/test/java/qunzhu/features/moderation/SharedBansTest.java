package qunzhu.features.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.MemberRef;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;

class SharedBansTest {
    @SuppressWarnings("unchecked")
    static List<String> banned(FakeGroup g) { return (List<String>) g.transcript().get("banned"); }

    @Test void gbanBansEverywhereAndAgainOnALaterJoin() {
        try (TestBot bot = ModerationBots.techAndFamily().build()) {
            FakeGroup tech = bot.group("tech");
            FakeGroup family = bot.group("family");
            tech.shouldReply("mia", "/gban bob 骗子", "只有运营者可以");
            tech.shouldReply("olivia", "/gban bob", "请写明原因");
            tech.post("olivia", "/gban bob 骗子");
            assertEquals(List.of("bob"), banned(tech));
            assertEquals(List.of("bob"), banned(family));
            assertEquals(1, bot.db().count("SELECT COUNT(*) FROM moderation_shared_bans WHERE set_name = '*' AND member_id = 'bob' AND by_id = 'olivia' AND reason = '骗子'"));
            // an admin lifts the ban in family by hand on the platform; bob comes back
            bot.bot().outbox().submit(new Action.Unban(new ChatRef("sandbox", "family"), MemberRef.of("bob", "bob")));
            bot.settle();
            family.join("bob");
            assertEquals(List.of("bob"), banned(family), "a listed person is banned again on joining");
            tech.shouldReply("olivia", "/gunban bob", "在 2 个群解封");
            assertEquals(List.of(), banned(tech));
            assertEquals(List.of(), banned(family));
        }
    }

    @Test void aBanInAGroupWhoseProfileSharesBansAppliesInTheWholeSet() {
        String groups = """
                profiles:
                  club:
                    moderation: {share_bans: true}
                groups:
                  tech: {chat: sandbox:tech, profile: club}
                  family: {chat: sandbox:family, profile: club}
                """;
        try (TestBot bot = ModerationBots.moderation().yaml(groups).build()) {
            FakeGroup tech = bot.group("tech");
            tech.post("mia", "/ban bob spam");
            assertEquals(List.of("bob"), banned(tech));
            assertEquals(List.of("bob"), banned(bot.group("family")));
            assertTrue(bot.db().count("SELECT COUNT(*) FROM moderation_shared_bans WHERE set_name = 'club' AND member_id = 'bob'") == 1);
        }
    }
}
