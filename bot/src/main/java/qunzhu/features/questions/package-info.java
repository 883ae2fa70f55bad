/**
 * 首问必答: a question (a newcomer's, or anyone's) that nobody answers within a while is
 * flagged to the on-duty moderators with a link to it, and later gets the expert persona's
 * holding answer; asked, answered (with the wait) and flagged are counted for the digests.
 */
package qunzhu.features.questions;
