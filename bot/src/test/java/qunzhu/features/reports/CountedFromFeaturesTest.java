package qunzhu.features.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;

/** Moderation counts its cases by kind and rule, and member reports, for the digests (shipped bot). */
class CountedFromFeaturesTest {
    @Test void aWarnAndAMemberReportAreTallied() {
        try (TestBot bot = TestBot.shipped()) {
            FakeGroup tech = bot.group("tech");
            String bobs = tech.post("bob", "hello");
            tech.post("mia", "/warn bob 刷屏");
            tech.reply("alice", bobs, "/report");
            assertEquals(List.of("MODERATION_ACTION|warn/", "MEMBER_REPORT|null"),
                    bot.db().query("SELECT tally, detail FROM report_counted WHERE chat_id = 'tech' ORDER BY id",
                            rs -> rs.getString(1) + "|" + rs.getString(2)));
        }
    }
}
