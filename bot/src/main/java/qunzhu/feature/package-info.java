/**
 * What features plug into: the {@link qunzhu.feature.Feature} interface, the per-event
 * context, roles and account routing.
 */
package qunzhu.feature;
