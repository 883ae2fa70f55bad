package qunzhu.feature;

import java.time.Clock;
import qunzhu.config.BotConfig;
import qunzhu.schedule.Scheduler;
import qunzhu.config.GroupConfig;
import qunzhu.core.ChatRef;
import qunzhu.store.Database;
import qunzhu.store.MovedChats;
import qunzhu.text.Texts;

/**
 * The spine's shared services, built once by the bot. Features get theirs through {@link Setup}, which hides the raw database.
 * {@code moves}: the chats that moved to a new id; config lookups follow them ({@link #group}).
 */
public record Services(BotConfig config, Clock clock, Database db, Texts texts, Scheduler scheduler,
                       Roles roles, Accounts accounts, MovedChats moves) {
    /** The configured group of a chat, following chat moves. */
    public GroupConfig group(ChatRef chat) { return config.group(chat, moves.now()); }
}
