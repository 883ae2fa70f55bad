/**
 * Builds the object graph once from a validated config and starts it: the entry point, the
 * command line, and the lists of features and platforms. No feature logic lives here.
 */
package qunzhu.app;
