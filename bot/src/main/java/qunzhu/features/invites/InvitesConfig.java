package qunzhu.features.invites;

import java.time.Duration;
import qunzhu.config.ConfigNode;
import qunzhu.config.GroupSection;

/**
 * {@code invites:} of a group or profile. An invitee who is still in the group {@code grace}
 * after joining counts for their inviter, who earns {@code points}; {@code join_points} are
 * paid at the join already and clawed back if the invitee leaves (or is removed) within
 * {@code grace}.
 */
public record InvitesConfig(Duration grace, int points, int joinPoints) {
    public static final InvitesConfig DEFAULT = new InvitesConfig(Duration.ofDays(3), 10, 0);

    public static final GroupSection<InvitesConfig> SECTION = new GroupSection<>() {
        @Override public String key() { return "invites"; }
        @Override public Class<InvitesConfig> type() { return InvitesConfig.class; }
        @Override public InvitesConfig parse(ConfigNode n) {
            InvitesConfig c = new InvitesConfig(n.duration("grace", DEFAULT.grace()), n.integer("points", DEFAULT.points(), 0, 1_000_000),
                    n.integer("join_points", DEFAULT.joinPoints(), 0, 1_000_000));
            n.done();
            return c;
        }
    };
}
