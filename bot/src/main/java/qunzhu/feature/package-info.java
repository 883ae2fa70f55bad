/**
 * What features plug into: the {@link qunzhu.feature.Feature} interface, the per-event
 * context, roles, the admin directory (every chat's platform admins, read off the pipeline
 * thread) and account routing.
 */
package qunzhu.feature;
