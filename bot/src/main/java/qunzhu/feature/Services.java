package qunzhu.feature;

import java.time.Clock;
import qunzhu.config.BotConfig;
import qunzhu.schedule.Scheduler;
import qunzhu.store.Database;
import qunzhu.text.Texts;

/** The spine's shared services, built once by the bot. Features get theirs through {@link Setup}, which hides the raw database. */
public record Services(BotConfig config, Clock clock, Database db, Texts texts, Scheduler scheduler,
                       Roles roles, Accounts accounts) {}
