package qunzhu.pipeline;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qunzhu.store.Database;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.feature.FeatureStore;
import qunzhu.feature.Installed;
import qunzhu.feature.Services;

/**
 * The spine's answer to {@link Event.ChatMigrated} (Telegram: a group upgraded to a supergroup
 * gets a new id): the move is recorded (config lookups, roles and the outbox follow it from
 * then on, also after a restart), the spine's per-chat rows move, and then each feature's
 * {@linkplain qunzhu.feature.Setup#onChatMove move hooks} move that feature's rows, each under
 * its own savepoint in the event's transaction.
 */
final class ChatMover {
    private static final Logger log = LoggerFactory.getLogger(ChatMover.class);

    private final Services services;
    private final Installed installed;
    private final FeatureStore store;

    ChatMover(Services services, Installed installed) {
        this.services = services;
        this.installed = installed;
        this.store = FeatureStore.over(services.db());
    }

    /** Moves the chat on the open transaction {@code c}; a repeated or meaningless move does nothing. */
    void moved(Connection c, Event.ChatMigrated m) throws SQLException {
        ChatRef from = m.chat();
        ChatRef to = m.to();
        List<String> moved = services.moves().recordIn(c, from, to);
        if (moved == null) return;
        for (Installed.OnChatMove h : installed.moveHooks()) {
            Database.savepoint(c);
            try {
                h.hook().move(from, to, store);
                Database.release(c);
            } catch (RuntimeException e) {
                // Usually the new chat already has a row under the same key: it keeps the newer one.
                Database.rollBackTo(c);
                log.warn("{} could not move its rows of {} to {}: {}", h.feature(), from, to, e.getMessage());
            }
        }
        if (services.roles() != null) services.roles().invalidate(from);
        log.info("chat {} moved to {}; spine rows moved: {}", from, to, moved);
    }
}
