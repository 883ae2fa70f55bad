package qunzhu.platform;

import java.util.List;
import qunzhu.core.Action;
import qunzhu.core.Admin;
import qunzhu.core.Capabilities;
import qunzhu.core.ChatRef;
import qunzhu.core.Outcome;

/**
 * One connected bot account on one platform. Implementations must be safe for concurrent use.
 *
 * <p>Contract: {@link #start} begins delivering events to the sink and returns; the adapter
 * acknowledges an update to its platform (Telegram offset, webhook 200, ...) only after
 * {@link EventSink#accept} has returned, because that is when the batch is durable.
 * {@link #perform} is called by the outbox only and never throws for platform errors: they
 * come back as {@link Outcome}s.
 */
public interface Platform {
    /** Account id as configured, unique across the bot: "host", "tg-main", "qq1". */
    String id();

    /** Platform kind, the first part of every {@link ChatRef}: "sandbox", "telegram", "onebot". */
    String kind();

    Capabilities capabilities();

    void start(EventSink sink) throws Exception;

    Outcome perform(Action action);

    /**
     * The chat's administrators, asked from the platform on every call (a network call that may
     * block up to the adapter's timeout). Throws when the platform cannot tell; never answers an
     * empty list for a failure. Only the spine's admin directory calls this, off the pipeline
     * thread, and caches the answer; adapters keep no cache of their own.
     */
    List<Admin> admins(ChatRef chat);

    /**
     * Called once before {@link #start} with the member commands (name → description in the
     * bot's locale), for platforms that show a command menu (Telegram setMyCommands).
     */
    default void describeCommands(java.util.Map<String, String> commands) {}

    /**
     * True when message ids are only meaningful to the account that received or sent the
     * message (OneBot implementations number messages per QQ account); the outbox then routes
     * deletes, edits, pins and replies through that account.
     */
    default boolean accountScopedMessageIds() { return false; }

    /**
     * True while the account can reach its platform (a session is open, the last poll got an
     * answer); for /healthz. Accounts without a connection of their own are always connected.
     */
    default boolean connected() { return true; }

    /** How many times a lost connection to the platform was re-established since start. */
    default long reconnects() { return 0; }

    /**
     * True when {@link #messageExists} can tell (OneBot get_msg): the outbox then watches this
     * account's sends in groups it shares with a sibling account for silent drops.
     */
    default boolean findsMessages() { return false; }

    /**
     * Whether a message this account sent still exists as the platform keeps it: TRUE, FALSE
     * (the platform does not know it: a silent drop), or null when it cannot tell (no such
     * query, the call failed). A network call; never on the pipeline thread.
     */
    default Boolean messageExists(ChatRef chat, String messageId) { return null; }

    /** The platform id of this account's own user, once known (null before connect). */
    default String selfId() { return null; }

    void stop();
}
