package qunzhu.features.quiz;

import java.util.List;

/**
 * A question bank: one file under the banks folder, named {@code <name>.<locale>.yml} (or
 * {@code <name>.yml} for any locale). {@code locale} null: the bank serves every locale.
 */
record Bank(String name, String locale, String title, Scoring scoring, boolean shuffle, List<Question> questions, String file) {
    Bank { questions = List.copyOf(questions); }
}
