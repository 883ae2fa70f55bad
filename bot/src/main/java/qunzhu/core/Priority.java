package qunzhu.core;

/** Outbox order: moderation first, then replies to people, then scheduled chatter. */
public enum Priority { MODERATION, REPLY, CHATTER }
