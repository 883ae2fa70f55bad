/**
 * Newcomers: verification on join (button or question, muted until passed, kicked on
 * timeout), join requests (auto with an answer, or by moderators' buttons), and newcomer
 * restrictions (no links or media for the first hours or messages). What a group does is
 * its strategy's preset ({@link qunzhu.features.verify.NewcomerConfig}) under its own keys.
 */
package qunzhu.features.verify;
