/** Timed work kept in the store (deadlines, self-deleting messages), so a restart loses none of it. */
package qunzhu.schedule;
