package qunzhu.features.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every schedule form, in a zone with DST and in the default one. */
class ScheduleTest {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static List<String> runs(String schedule, String from, ZoneId zone, int n) {
        Schedule s = Schedule.parse(schedule);
        Instant at = OffsetDateTime.parse(from).toInstant();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            at = s.next(at, zone);
            if (at == null) break;
            out.add(at.atZone(zone).toOffsetDateTime().toString());
        }
        return out;
    }

    @Test void dailyRunsAtTheSameWallClockTimeAcrossBothDstChanges() {
        assertEquals(List.of("2026-03-07T09:00-05:00", "2026-03-08T09:00-04:00", "2026-03-09T09:00-04:00"),
                runs("daily 09:00", "2026-03-07T08:00-05:00", NEW_YORK, 3));
        assertEquals(List.of("2026-10-31T09:00-04:00", "2026-11-01T09:00-05:00"),
                runs("daily 09:00", "2026-10-31T08:00-04:00", NEW_YORK, 2));
        assertEquals(List.of("2026-03-28T20:00+01:00", "2026-03-29T20:00+02:00"),
                runs("daily 20:00", "2026-03-28T12:00+01:00", BERLIN, 2));
    }

    @Test void aTimeTheClockSkipsRunsAfterTheJumpInsteadOfLosingTheDay() {
        // 2026-03-08 02:00 EST jumps to 03:00 EDT: 02:30 does not exist that day.
        assertEquals(List.of("2026-03-07T02:30-05:00", "2026-03-08T03:30-04:00", "2026-03-09T02:30-04:00"),
                runs("daily 02:30", "2026-03-07T00:00-05:00", NEW_YORK, 3));
        // Berlin, 2026-03-29 02:00 CET jumps to 03:00 CEST.
        assertEquals(List.of("2026-03-29T03:30+02:00", "2026-03-30T02:30+02:00"),
                runs("30 2 * * *", "2026-03-28T12:00+01:00", BERLIN, 2));
    }

    @Test void aTimeThatHappensTwiceRunsOnce() {
        // 2026-11-01 02:00 EDT falls back to 01:00 EST: 01:30 comes twice; one run, at the first.
        assertEquals(List.of("2026-11-01T01:30-04:00", "2026-11-02T01:30-05:00"),
                runs("daily 01:30", "2026-10-31T12:00-04:00", NEW_YORK, 2));
        // Asked during the second pass, the day's run has been already.
        assertEquals(List.of("2026-11-02T01:30-05:00"), runs("daily 01:30", "2026-11-01T01:10-05:00", NEW_YORK, 1));
        // Berlin, 2026-10-25 03:00 CEST falls back to 02:00 CET.
        assertEquals(List.of("2026-10-25T02:30+02:00", "2026-10-26T02:30+01:00"),
                runs("weekly mon,sun 02:30", "2026-10-24T12:00+02:00", BERLIN, 2));
    }

    @Test void weeklyMonthlyCronAndOnce() {
        assertEquals(List.of("2026-11-30T20:00+08:00", "2026-12-07T20:00+08:00"),
                runs("weekly mon 20:00", "2026-11-24T10:00+08:00", SHANGHAI, 2));
        assertEquals(List.of("2026-11-26T20:00+08:00", "2026-11-30T20:00+08:00", "2026-12-03T20:00+08:00"),
                runs("Weekly Mon,Thursday 20:00", "2026-11-24T10:00+08:00", SHANGHAI, 3));
        assertEquals(List.of("2026-12-01T10:00+08:00", "2027-01-01T10:00+08:00"),
                runs("monthly 1 10:00", "2026-11-24T10:00+08:00", SHANGHAI, 2));
        assertEquals(List.of("2026-12-31T10:00+08:00", "2027-01-31T10:00+08:00", "2027-03-31T10:00+08:00"),
                runs("monthly 31 10:00", "2026-11-24T10:00+08:00", SHANGHAI, 3), "months without a 31st are skipped");
        assertEquals(List.of("2026-11-24T18:00+08:00", "2026-11-25T09:00+08:00"),
                runs("0 9,18 * * 1-5", "2026-11-24T10:00+08:00", SHANGHAI, 2));
        assertEquals(List.of("2026-12-24T20:00+08:00"), runs("2026-12-24 20:00", "2026-11-24T10:00+08:00", SHANGHAI, 5));
        assertNull(Schedule.parse("2026-11-01 20:00").next(OffsetDateTime.parse("2026-11-24T10:00+08:00").toInstant(), SHANGHAI));
    }

    @Test void aOneOffInTheSkippedHourRunsAfterTheJump() {
        assertEquals(List.of("2026-03-08T03:15-04:00"), runs("2026-03-08 02:15", "2026-03-01T00:00-05:00", NEW_YORK, 2));
    }

    @Test void badSchedulesSayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Schedule.parse("daily 25:00")).getMessage().contains("no such time of day"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Schedule.parse("weekly mo 20:00")).getMessage().contains("unknown weekday"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Schedule.parse("monthly 32 10:00")).getMessage().contains("1 to 31"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Schedule.parse("2026-02-30 10:00")).getMessage().contains("no such date-time"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Schedule.parse("every day")).getMessage().contains("five fields"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Schedule.parse("61 9 * * *")).getMessage().contains("invalid cron"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Schedule.parse("daily at nine")).getMessage().contains("daily 09:00"));
    }
}
