/**
 * Qunzhu (群主): a bot that runs community groups on chat platforms. Events come in through an
 * adapter ({@link qunzhu.platform}), pass the pipeline and the features, and leave as actions
 * through the outbox. See README.md, "How it works".
 */
package qunzhu;
