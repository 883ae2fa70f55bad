/**
 * dedupe, then the activity log (durable before an adapter acknowledges), then the features in
 * order on one thread, with their actions stored in the same transaction as their state.
 */
package qunzhu.pipeline;
