/**
 * The platform-neutral model: events in, actions out, outcomes back. Everything here is
 * immutable and knows nothing of any wire format; features and adapters both depend on it.
 */
package qunzhu.core;
