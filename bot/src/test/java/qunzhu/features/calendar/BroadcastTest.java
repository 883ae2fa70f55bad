package qunzhu.features.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import qunzhu.core.Outcome;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.FakePlatform;
import qunzhu.testkit.MutableClock;
import qunzhu.testkit.TestBot;

/** /broadcast to 50 groups on a platform with Telegram's limits, on a stepped clock. */
class BroadcastTest {
    @Test void fiftyGroupsStayWithinTelegramsLimitsAndTheReportSaysWhatFailed() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-24T10:00:00+08:00");
        List<Instant> at = new CopyOnWriteArrayList<>();
        FakePlatform fake = FakePlatform.all("fake", "fake");
        for (int i = 0; i < 50; i++) {
            fake.then(a -> {
                at.add(clock.instant());
                return a.chat().id().equals("7") || a.chat().id().equals("8") ? new Outcome.Failed("Bad Request: chat not found", true) : null;
            });
        }
        try (TestBot b = TestBot.with(new CalendarFeature()).platform(fake.factory()).clock(clock).yaml(CalendarRestartTest.groups())
                .file("accounts.yml", """
                        personas: {host: {name: 小群}, reporter: {name: 播报员}}
                        accounts:
                          - {id: host, platform: sandbox, persona: host}
                          - {id: fake, platform: fake, persona: host}
                        """)
                .file("outbox.yml", """
                        outbox:
                          fake: {per_chat_per_second: 1, per_chat_burst: 3, per_chat_per_minute: 20, per_account_per_second: 30}
                        """)
                .realLimits().build()) {
            FakeGroup ops = b.group("ops");
            ops.newEntries();
            b.hub().post("ops", "olivia", "/broadcast many 周末停机维护", null, null);
            for (int step = 0; step < 1000 && at.size() < 50; step++) {
                b.bot().outbox().awaitParked(Duration.ofSeconds(5));
                clock.advance(Duration.ofMillis(10));
            }
            b.settle();
            assertEquals(50, at.size());
            for (int i = 0; i + 30 < at.size(); i++) {
                assertTrue(Duration.between(at.get(i), at.get(i + 30)).toMillis() >= 1000,
                        "31 sends within a second: #" + i + " at " + at.get(i) + ", #" + (i + 30) + " at " + at.get(i + 30));
            }
            List<String> said = ops.botSaid().stream().map(SandboxHub.Entry::text).toList();
            assertEquals("群发 #1 已排队：50 个群，按平台限速发送，完成后汇报。", said.get(0));
            assertEquals(3, said.stream().filter(t -> t.startsWith("群发 #1 进度：")).count(), "progress at each quarter: " + said);
            assertEquals("群发 #1 完成：50 个群中 48 个已发出，2 个失败。\n• g7：Bad Request: chat not found\n• g8：Bad Request: chat not found", said.get(said.size() - 1));
        }
    }
}
