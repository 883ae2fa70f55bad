package qunzhu.features.moderation;

import java.time.Duration;

/** Short human lengths for notices and case files: 10m, 1h, 1d, 1h30m. */
final class Durations {
    private Durations() {}

    static String human(Duration d) {
        long s = d.getSeconds();
        StringBuilder out = new StringBuilder();
        long[] units = {86400, 3600, 60, 1};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (s >= units[i]) {
                out.append(s / units[i]).append(names[i]);
                s %= units[i];
            }
        }
        return out.length() == 0 ? d.toMillis() + "ms" : out.toString();
    }
}
