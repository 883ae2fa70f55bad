/**
 * Moderation: automatic filters (blocklists, links, invites, flood, duplicates, ads), warnings,
 * moderator commands with case files and undo, shared bans, anti-raid, night mode, vote-mute,
 * and a backtest of the filters over the logged history.
 */
package qunzhu.features.moderation;
