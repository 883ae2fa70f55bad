package qunzhu.feature;

/**
 * A platform right a command needs: from its caller (an admin whose platform rights lack it is
 * refused; operators and config-listed moderators have them all) or from the bot account that
 * will act. {@link #key} is the neutral name in {@link qunzhu.core.Admin#rights}.
 */
public enum Right {
    DELETE_MESSAGES("delete"), RESTRICT_MEMBERS("restrict"), BAN_MEMBERS("ban"), PIN_MESSAGES("pin"), INVITE_USERS("invite");

    private final String key;

    Right(String key) { this.key = key; }

    /** The name in {@link qunzhu.core.Admin#rights} and in the templates ({@code core.right.<key>}). */
    public String key() { return key; }
}
