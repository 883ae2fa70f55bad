/**
 * What the process itself needs to live: the one owner of threads ({@link qunzhu.runtime.Threads}),
 * what ends the process and with which exit code ({@link qunzhu.runtime.Lifetime}), and the
 * operators' monitoring (metrics and the /healthz, /metrics endpoint).
 */
package qunzhu.runtime;
