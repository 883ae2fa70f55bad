/** Announcements: /announce posts and pins through the host persona, to one group or a whole profile. */
package qunzhu.features.announce;
