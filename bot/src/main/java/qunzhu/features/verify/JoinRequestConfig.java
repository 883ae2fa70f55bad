package qunzhu.features.verify;

import java.util.List;
import qunzhu.config.ConfigNode;
import qunzhu.config.GroupSection;

/**
 * {@code join_requests:} of a group or profile, for groups where joining needs approval.
 * <ul>
 * <li>{@code policy: auto} approves at once, or, when {@code answers} are listed, when the
 *     request's comment carries one of them (QQ puts the join question's answer there);
 *     otherwise declines with {@code decline_reason}.</li>
 * <li>{@code policy: moderators} posts the request with approve and decline buttons in the
 *     group ({@code notice_in: group}) or the operators' log chat ({@code notice_in: log_chat}).</li>
 * <li>{@code policy: off} leaves requests alone.</li>
 * </ul>
 * {@code decline_reason} is a template with {name} and {group}; null uses the shipped text.
 */
public record JoinRequestConfig(String policy, List<String> answers, String declineReason, String noticeIn) {
    public static final List<String> POLICIES = List.of("auto", "moderators", "off");

    public JoinRequestConfig { answers = List.copyOf(answers); }

    public static final GroupSection<JoinRequestConfig> SECTION = new GroupSection<>() {
        @Override public String key() { return "join_requests"; }
        @Override public Class<JoinRequestConfig> type() { return JoinRequestConfig.class; }
        @Override public JoinRequestConfig parse(ConfigNode n) {
            JoinRequestConfig c = new JoinRequestConfig(n.choice("policy", "moderators", POLICIES), n.strings("answers"),
                    n.string("decline_reason", null), n.choice("notice_in", "group", List.of("group", "log_chat")));
            n.done();
            return c;
        }
    };
}
