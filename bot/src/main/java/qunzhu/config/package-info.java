/**
 * The YAML configuration under config/: read, validated (every error names file, line and key)
 * and turned into immutable records; the bot never starts half-configured.
 */
package qunzhu.config;
