package qunzhu.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Durations and ends as a member reads them, in both shipped locales and the bot's zone. */
class TimeWordsTest {
    final TimeWords words = new TimeWords(new Texts(List.of("core"), Map.of()), ZoneId.of("Asia/Shanghai"));
    final Instant now = Instant.parse("2026-11-24T02:00:00Z");   // 10:00 in Shanghai

    @Test void durationsAreWordsNeverRawSeconds() {
        assertEquals("10 分钟", words.duration(Duration.ofMinutes(10), "zh-CN"));
        assertEquals("10 minutes", words.duration(Duration.ofMinutes(10), "en"));
        assertEquals("4 秒", words.duration(Duration.ofSeconds(4), "zh-CN"));
        assertEquals("4 seconds", words.duration(Duration.ofSeconds(4), "en"));
        assertEquals("1 小时 30 分钟", words.duration(Duration.ofMinutes(90), "zh-CN"));
        assertEquals("1 hour 30 minutes", words.duration(Duration.ofMinutes(90), "en"));
        assertEquals("1 minute", words.duration(Duration.ofSeconds(60), "en"));
        assertEquals("2 days", words.duration(Duration.ofDays(2), "en"));
        assertEquals("永久", words.duration(null, "zh-CN"));
    }

    @Test void endsAreTimesOfDayInTheBotsZone() {
        assertEquals("15:07", words.at(now.plus(Duration.ofMinutes(307)), now, "en"));
        assertEquals("明天 09:00", words.at(Instant.parse("2026-11-25T01:00:00Z"), now, "zh-CN"));
        assertEquals("tomorrow 09:00", words.at(Instant.parse("2026-11-25T01:00:00Z"), now, "en"));
        assertEquals("12月3日 09:00", words.at(Instant.parse("2026-12-03T01:00:00Z"), now, "zh-CN"));
        assertEquals("Dec 3 09:00", words.at(Instant.parse("2026-12-03T01:00:00Z"), now, "en"));
        assertEquals("permanently", words.at(Instant.MAX, now, "en"));
        assertEquals("永久", words.at(null, now, "zh-CN"));
    }
}
