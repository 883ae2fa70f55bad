package qunzhu.features.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import qunzhu.core.ChatRef;
import qunzhu.testkit.TestBot;

/**
 * A digest over many groups (a profile of 1,200, or all groups of a large bot) reads them in
 * one query: SQLite refused the chain of 1,200 ORs ("Expression tree is too large").
 */
class ManyGroupsTest {
    @Test void numbersOverTwelveHundredGroupsAddUp() {
        try (TestBot bot = ReportsMetricsTest.bot()) {
            List<ChatRef> chats = new ArrayList<>();
            for (int i = 0; i < 1200; i++) {
                ChatRef c = ChatRef.parse("telegram:-100" + (1000 + i));
                chats.add(c);
                bot.db().update("INSERT INTO report_chat_day (platform, chat_id, day, messages, joins) VALUES (?, ?, ?, ?, ?)",
                        c.platform(), c.id(), "2026-11-23", 3, 1);
            }
            ReportBuilder b = ReportsMetricsTest.builder(bot);
            Report.Numbers n = b.numbers(ReportBuilder.Where.of(chats), chats, Period.day(LocalDate.parse("2026-11-23")));
            assertEquals(3600, n.messages());
            assertEquals(1200, n.joins());
            // one chat keeps the plain filter and sees only its own rows
            Report.Numbers one = b.numbers(ReportBuilder.Where.of(chats.subList(0, 1)), chats.subList(0, 1), Period.day(LocalDate.parse("2026-11-23")));
            assertEquals(3, one.messages());
        }
    }
}
