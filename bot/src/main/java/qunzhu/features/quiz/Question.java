package qunzhu.features.quiz;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One question of a bank. {@code answers} are the accepted answers as written (the first is the
 * one revealed), {@code accepted} their compared forms ({@link Answers#normalise}); with
 * {@code choices}, {@code correct} holds the right choices (0-based), and a member may also
 * answer with a choice's letter or number.
 */
record Question(String text, List<String> answers, Set<String> accepted, List<String> choices, List<String> choiceForms, Set<Integer> correct,
                String explanation, int points, Duration timeLimit, List<String> tags) {
    Question {
        answers = List.copyOf(answers);
        accepted = Set.copyOf(accepted);
        choices = List.copyOf(choices);
        choiceForms = List.copyOf(choiceForms);
        correct = Set.copyOf(correct);
        tags = List.copyOf(tags);
    }

    boolean hasChoices() { return !choices.isEmpty(); }

    /** The choice a compared answer names (by text, letter or number), 0-based, or -1. */
    int choiceOf(String normalised) {
        int i = choiceForms.indexOf(normalised);
        return i >= 0 ? i : Answers.choiceIndex(normalised, choices.size());
    }

    /** Whether a compared answer is right. */
    boolean right(String normalised) {
        if (normalised == null) return false;
        if (accepted.contains(normalised)) return true;
        return hasChoices() && correct.contains(choiceOf(normalised));
    }

    /** What the reveal shows: the first right choice with its letter, else the first answer. */
    String shownAnswer() {
        if (hasChoices()) {
            int i = correct.stream().mapToInt(Integer::intValue).min().orElse(0);
            return Answers.letter(i) + ". " + choices.get(i);
        }
        return answers.get(0);
    }
}
