package qunzhu.faults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The gaps between successive attempts (System.nanoTime stamps), summarised for the fault tests' printed figures. */
final class Gaps {
    private Gaps() {}

    /** "n gaps, min / median / max / last ms" of the gaps between successive {@code nanos}. */
    static String of(List<Long> nanos) {
        List<Long> ms = new ArrayList<>();
        for (int k = 0; k + 1 < nanos.size(); k++) ms.add((nanos.get(k + 1) - nanos.get(k)) / 1_000_000);
        if (ms.isEmpty()) return "no gaps";
        long last = ms.get(ms.size() - 1);
        List<Long> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        return ms.size() + " gaps, min " + sorted.get(0) + " / median " + sorted.get(sorted.size() / 2) + " / max "
                + sorted.get(sorted.size() - 1) + " / last " + last + " ms; first " + ms.subList(0, Math.min(6, ms.size()));
    }
}
