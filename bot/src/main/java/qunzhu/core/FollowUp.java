package qunzhu.core;

/**
 * What the feature that asked for an action wants to hear of its final outcome: once the
 * platform answered for good, a job of {@code owner} and {@code kind} runs on the pipeline
 * with a {@link Report} of the outcome, so a feature says only what happened (a mute is
 * announced after the platform confirmed it, a refused one is said plainly, once).
 */
public record FollowUp(String owner, String kind, String payload) {
    public FollowUp {
        java.util.Objects.requireNonNull(owner, "owner");
        java.util.Objects.requireNonNull(kind, "kind");
        payload = payload == null ? "" : payload;
    }

    /**
     * The final outcome as the feature's job sees it: {@code done}, or why not ({@code unsupported}
     * true when the platform cannot do it at all; {@code reason} as the platform said it).
     */
    public record Report(String payload, boolean done, boolean unsupported, String reason) {
        /** The job payload: one line of state, one line of reason, then the feature's payload. */
        public String encode() {
            String state = done ? "done" : unsupported ? "unsupported" : "failed";
            return state + "\n" + (reason == null ? "" : reason.replace('\n', ' ')) + "\n" + payload;
        }

        public static Report decode(String job) {
            String[] parts = (job == null ? "" : job).split("\n", 3);
            String state = parts[0];
            String reason = parts.length > 1 ? parts[1] : "";
            String payload = parts.length > 2 ? parts[2] : "";
            return new Report(payload, state.equals("done"), state.equals("unsupported"), reason);
        }

        public static Report of(FollowUp f, Outcome outcome) {
            if (outcome instanceof Outcome.Done) return new Report(f.payload(), true, false, "");
            if (outcome instanceof Outcome.Unsupported u) return new Report(f.payload(), false, true, u.what());
            if (outcome instanceof Outcome.Failed x) return new Report(f.payload(), false, false, x.reason());
            return new Report(f.payload(), false, false, String.valueOf(outcome));
        }
    }
}
