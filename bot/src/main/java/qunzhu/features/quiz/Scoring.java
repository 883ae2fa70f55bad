package qunzhu.features.quiz;

/** How a bank's questions score. */
enum Scoring {
    /** The first right answer wins the points and closes the question. */
    FIRST,
    /** Everyone right within the time limit scores; the question closes at its timeout. */
    ALL;

    String key() { return name().toLowerCase(java.util.Locale.ROOT); }

    static Scoring of(String key) { return "all".equals(key) ? ALL : FIRST; }
}
