package qunzhu.feature;

import java.time.Clock;
import qunzhu.config.BotConfig;
import qunzhu.schedule.Scheduler;
import qunzhu.store.Database;
import qunzhu.text.Texts;

/** What every feature may use; built once by the wiring. */
public record Services(BotConfig config, Clock clock, Database db, Texts texts, Scheduler scheduler,
                       Roles roles, Accounts accounts) {}
