/** Slash commands: parsing, aliases, the caller's role checked on every call, usage lines and /help. */
package qunzhu.command;
