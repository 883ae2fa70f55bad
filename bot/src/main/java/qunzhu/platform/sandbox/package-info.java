/**
 * The embedded sandbox chat: an in-process world of groups and members (the hub), the bot
 * accounts that live in it, and the web page with its JSON API.
 */
package qunzhu.platform.sandbox;
