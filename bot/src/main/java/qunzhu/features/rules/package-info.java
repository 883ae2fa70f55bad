/** The group rules: /rules answers them, moderators change them with /setrules. */
package qunzhu.features.rules;
