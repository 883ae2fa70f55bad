/**
 * Sends actions to platforms: one worker per account, rate limits per chat, account and over
 * all accounts, priorities, retries, and a logged outcome for every action.
 */
package qunzhu.outbox;
