/**
 * The Telegram Bot API adapter: one {@link qunzhu.platform.telegram.TelegramAccount} per
 * bot token, receiving by long polling or webhook, parsing updates into neutral events
 * ({@code EventParser}) and performing actions as Bot API calls ({@code ActionCalls}). The
 * token never reaches a log line.
 */
package qunzhu.platform.telegram;
