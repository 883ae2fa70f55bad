package qunzhu.features.verify;

import java.time.Duration;
import qunzhu.feature.FeatureContext;

/** Durations as people read them in bot texts: "5 分钟", "12 hours", rounded up. */
final class Spans {
    private Spans() {}

    static String human(Duration d, FeatureContext ctx) {
        long minutes = Math.max(1, (d.toSeconds() + 59) / 60);
        if (minutes % (60 * 24) == 0) return ctx.text("verify.span.days", "n", minutes / (60 * 24));
        if (minutes % 60 == 0 || minutes >= 120) return ctx.text("verify.span.hours", "n", (minutes + 59) / 60);
        return ctx.text("verify.span.minutes", "n", minutes);
    }
}
