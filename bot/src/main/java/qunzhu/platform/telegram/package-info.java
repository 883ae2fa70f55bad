/**
 * The Telegram Bot API adapter: one {@link qunzhu.platform.telegram.TelegramPlatform} per
 * bot token, receiving by long polling or webhook, parsing updates into neutral events
 * ({@code UpdateParser}) and performing actions as Bot API calls ({@code ActionCalls}). Facts
 * follow /work/shared/PROTOCOLS.md section A; the token never reaches a log line.
 */
package qunzhu.platform.telegram;
