package qunzhu.features.moderation;

import java.time.Duration;
import java.time.Instant;
import qunzhu.core.ChatRef;

/**
 * One entry of a group's case file (like Red's modlog): number per group, who acted (null
 * actor for automatic filters), on whom, what, why, which rule, and the message as it was.
 */
public record CaseFile(ChatRef chat, int number, Instant at, String actorId, String actorName, boolean automatic,
                       String targetId, String targetName, String action, Duration length, String reason,
                       String rule, String evidence, String messageId, Instant undoneAt, String undoneBy) {
    public boolean undone() { return undoneAt != null; }
}
