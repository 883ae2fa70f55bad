package qunzhu.features.calendar;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import qunzhu.config.GroupConfig;
import qunzhu.core.PersonaRole;

/**
 * One calendar entry: when it runs, where, who speaks, and what it posts. {@code atStart}
 * (config {@code first_run: at_start}) makes its very first run the bot's first start with
 * this entry, then it follows its schedule; {@code missed} says what a run missed while the
 * bot was down becomes.
 */
record Entry(String id, Schedule schedule, Target target, PersonaRole persona, Content content, Missed missed, boolean atStart) {
    /** A run the bot was down for: dropped, or made once at start with a note that it is late. */
    enum Missed { SKIP, LATE }

    /** What an entry posts. */
    sealed interface Content {
        /** A fixed text, with an image where the platform can send one. */
        record Text(String text, Path image) implements Content {}
        /**
         * The next post of a pool; {@code byLocale} maps a locale (or "*" for any) to its pool. A
         * group whose locale has no pool of its own gets the first one listed.
         */
        record FromPool(Map<String, Pool> byLocale) implements Content {
            Pool forLocale(String locale) {
                if (byLocale.containsKey(locale)) return byLocale.get(locale);
                return byLocale.values().iterator().next();
            }
        }
        /** A feature's post: an {@link qunzhu.core.Event.Triggered} per target chat. */
        record Trigger(String name, String argument) implements Content {}
    }

    /**
     * Which groups: every group of a profile, category or stage (the keys given must all match),
     * or the listed group keys.
     */
    record Target(String profile, String category, String stage, List<String> groups) {
        Target { groups = groups == null ? List.of() : List.copyOf(groups); }

        List<GroupConfig> resolve(Map<String, GroupConfig> all) {
            List<GroupConfig> out = new ArrayList<>();
            if (!groups.isEmpty()) {
                for (String k : groups) if (all.containsKey(k)) out.add(all.get(k));
                return out;
            }
            for (GroupConfig g : all.values()) {
                if (profile != null && !profile.equals(g.profile())) continue;
                if (category != null && !category.equals(g.category())) continue;
                if (stage != null && !stage.equals(g.stage())) continue;
                out.add(g);
            }
            return out;
        }
    }
}
