package qunzhu.core;

import java.time.Duration;

/** What a platform answered to an action. */
public sealed interface Outcome {
    /** Performed. {@code messageId} is set for actions that create a message, else null. */
    record Done(String messageId) implements Outcome {}
    /** Flood control: nothing may be sent to that chat before {@code wait} has passed. */
    record RetryAfter(java.time.Duration delay) implements Outcome {}
    /** The platform cannot do this at all (no mute on that platform, method not found). */
    record Unsupported(String what) implements Outcome {}
    /** Failed; {@code permanent} failures are logged and never retried. */
    record Failed(String reason, boolean permanent) implements Outcome {}
    /** The chat moved (Telegram migrate_to_chat_id): retry the action against {@code to}. */
    record Moved(ChatRef to) implements Outcome {}

    static Outcome done() { return new Done(null); }
    static Outcome retryAfter(Duration d) { return new RetryAfter(d); }
}
