/**
 * The command router: finds the command (name, alias, /cmd@bot), checks role, place and the
 * platform rights caller and bot need, parses the declared arguments (member, duration,
 * integer, rest of the line) and answers refusals, usage lines and /help. Commands are
 * declared with {@link qunzhu.feature.CommandSpec} in the feature API.
 */
package qunzhu.command;
