/** Chats that move to a new id (a Telegram group upgraded to a supergroup): config and state follow. */
package qunzhu.features.chats;
