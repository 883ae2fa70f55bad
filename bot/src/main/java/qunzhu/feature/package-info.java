/**
 * What features plug into: {@link qunzhu.feature.Feature} and its one install step
 * ({@link qunzhu.feature.Setup}: services, a {@link qunzhu.feature.FeatureStore} on the spine's
 * transaction, typed event handlers, jobs, commands and provided queries), the per-event
 * context, command declarations ({@link qunzhu.feature.CommandSpec}, {@link qunzhu.feature.Arg},
 * {@link qunzhu.feature.Right}), roles, the admin directory and account routing. The command
 * router that enforces the declarations lives in {@code qunzhu.command}, which imports this
 * package and never the other way round.
 */
package qunzhu.feature;
