package qunzhu.features.moderation;

import org.slf4j.Logger;

/**
 * Logs messages whose regexes ran over budget, at most one line a minute of message time; the
 * lines held back are counted in the next one. A flood of hostile messages costs one line a
 * minute, not one per message.
 */
final class BudgetLog {
    static final long EVERY_MILLIS = 60_000;

    private final Logger log;
    private long lastMillis = Long.MIN_VALUE;
    private long held;

    BudgetLog(Logger log) { this.log = log; }

    synchronized void spent(Filters.Message m, String rule, int chars, boolean gaveUp) {
        long at = m.at().toEpochMilli();
        if (lastMillis != Long.MIN_VALUE && at - lastMillis < EVERY_MILLIS && at >= lastMillis) {
            held++;
            return;
        }
        lastMillis = at;
        long before = held;
        held = 0;
        if (gaveUp) {
            log.warn("regex of rule {} ran over budget on the bounded form of message {} in {} ({} chars): counted as no match for this rule ({} similar lines held back)",
                    rule, m.messageId(), m.chat(), chars, before);
        } else {
            log.warn("regex of rule {} ran over budget on message {} in {} ({} chars): its remaining regexes run on its first {} and last {} characters ({} similar lines held back)",
                    rule, m.messageId(), m.chat(), chars, JudgedText.BOUNDED_HEAD, JudgedText.BOUNDED_TAIL, before);
        }
    }
}
