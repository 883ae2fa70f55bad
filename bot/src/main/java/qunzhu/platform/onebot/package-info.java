/**
 * QQ groups through OneBot v11 (NapCat, Lagrange.OneBot, LLOneBot): one {@link
 * qunzhu.platform.onebot.OneBotAccount} per QQ account, over a forward or reverse WebSocket.
 * Frames become neutral events ({@code EventParser}, {@code MessageContent}, {@code CqCode});
 * neutral actions become API calls matched to answers by echo ({@code ActionCalls},
 * {@code Calls}). QQ has no inline buttons: buttons are rendered as keyword lines.
 */
package qunzhu.platform.onebot;
