package qunzhu.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import qunzhu.app.Wiring;
import qunzhu.config.BotConfig;
import qunzhu.testkit.TestBot;

/**
 * Bursts through the outbox with Telegram's limits on a simulated clock (the machinery of
 * {@link OutboxBench}, smaller): every reply is sent, none beyond the limits. Counts only; the
 * drain time is the benchmark's figure, never asserted.
 */
@Timeout(120)
class OutboxBurstTest {
    final BotConfig config = Wiring.loader(k -> null).load(TestBot.SHIPPED_CONFIG);

    @Test void aBurstToOneGroupKeepsTelegramsLimits() throws Exception {
        OutboxBench.Result r = OutboxBench.burst(config, 1, 60, 250);
        assertEquals(0, r.beyond(), "requests beyond Telegram's limits");
        assertEquals(60, r.sent(), "60 replies fit in the 10 minutes a send may wait");
    }

    @Test void aBurstAcrossGroupsKeepsTelegramsLimits() throws Exception {
        OutboxBench.Result r = OutboxBench.burst(config, 40, 10, 250);
        assertEquals(0, r.beyond(), "requests beyond Telegram's limits");
        assertEquals(400, r.sent());
    }
}
