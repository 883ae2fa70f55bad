package qunzhu.feature;

import qunzhu.core.ChatRef;

/**
 * The rules in force in a chat, as the rules feature keeps them; other features quote them
 * (the welcome links to them). Read-only; provided through {@link Setup#provide}.
 */
public interface RulesText {
    /** Nobody keeps rules: no text, no link. */
    RulesText NONE = new RulesText() {
        @Override public String text(ChatRef chat) { return null; }
        @Override public String url(ChatRef chat) { return null; }
    };

    /** The rules text, or null when none is set. */
    String text(ChatRef chat);

    /** A page with the longer rules, or null. */
    String url(ChatRef chat);
}
