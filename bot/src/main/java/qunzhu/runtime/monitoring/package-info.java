/**
 * The monitoring listener (/metrics, /healthz). Apart from {@code qunzhu.runtime} because it
 * serves over {@code qunzhu.platform.http}, which itself takes its threads from the runtime.
 */
package qunzhu.runtime.monitoring;
