/**
 * The SQLite store: one connection in WAL mode behind one lock, the ordered migrations, the
 * append-only activity log, key-values and the codec of events and actions.
 */
package qunzhu.store;
