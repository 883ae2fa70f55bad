package qunzhu.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.Supplier;

/**
 * The bot's operational counters and gauges, for the {@code /metrics} endpoint in the
 * Prometheus text format (Micrometer formats it). One instance per bot, injected where things
 * happen; recording is cheap (a counter lookup and an add) and never fails the caller.
 *
 * <p>Meters (Prometheus names): {@code qunzhu_events_in_total{account}} events each account
 * delivered and the store accepted; {@code qunzhu_actions_total{kind,outcome}} final outcomes of actions;
 * {@code qunzhu_outbox_retries_total{kind}} retries scheduled; {@code qunzhu_outbox_queue{account}}
 * actions waiting per account; {@code qunzhu_platform_reconnects_total{account}};
 * {@code qunzhu_dead_letters} events a feature could not handle; {@code qunzhu_store_writable}.
 */
public final class Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public MeterRegistry registry() { return registry; }

    /** Events an account delivered and the store accepted (a message two accounts see counts for both; the log keeps one). */
    public void eventsIn(String account, int n) {
        if (n > 0) Counter.builder("qunzhu.events.in").description("events delivered by each account and stored").tag("account", account)
                .register(registry).increment(n);
    }

    public void action(String kind, String outcome) {
        Counter.builder("qunzhu.actions").description("final outcomes of actions").tag("kind", kind).tag("outcome", outcome)
                .register(registry).increment();
    }

    public void retry(String kind) {
        Counter.builder("qunzhu.outbox.retries").description("retries scheduled by the outbox").tag("kind", kind)
                .register(registry).increment();
    }

    public void reconnect(String account) {
        Counter.builder("qunzhu.platform.reconnects").description("connections re-established to a platform").tag("account", account)
                .register(registry).increment();
    }

    /** A gauge read at each scrape; {@code value} must be cheap and must not block. */
    public void gauge(String name, String description, String tagKey, String tagValue, Supplier<Number> value) {
        Gauge.Builder<Supplier<Number>> b = Gauge.builder(name, value).description(description);
        if (tagKey != null) b.tag(tagKey, tagValue);
        b.register(registry);
    }

    /** The Prometheus text exposition (version 0.0.4) of every meter. */
    public String scrape() { return registry.scrape(); }
}
