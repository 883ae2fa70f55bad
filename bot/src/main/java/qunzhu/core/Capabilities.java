package qunzhu.core;

import java.util.Set;

/**
 * What a platform can do. {@code actions} holds {@link Action#kind()} names; {@code buttons}
 * says whether inline buttons exist (QQ has none: features accept a keyword instead).
 */
public record Capabilities(Set<String> actions, boolean buttons, boolean joinRequests) {
    public Capabilities { actions = Set.copyOf(actions); }

    public boolean can(Action a) { return actions.contains(a.kind()); }

    public static final Set<String> ALL = Set.of("send", "sendphoto", "edit", "delete", "mute", "unmute",
            "kick", "ban", "unban", "pin", "approvejoin", "declinejoin", "answerbutton");
}
