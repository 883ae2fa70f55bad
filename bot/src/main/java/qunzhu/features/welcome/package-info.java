/** The welcome message for a member who joined (after verification, where the group verifies). */
package qunzhu.features.welcome;
