package qunzhu.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import qunzhu.app.Wiring;
import qunzhu.config.BotConfig;
import qunzhu.core.Admin;
import qunzhu.core.ChatRef;
import qunzhu.core.MemberRef;
import qunzhu.core.Role;
import qunzhu.testkit.FakePlatform;
import qunzhu.testkit.TestBot;

class RolesTest {
    final BotConfig config = Wiring.loader(k -> null).load(TestBot.SHIPPED_CONFIG);
    final ChatRef tech = new ChatRef("sandbox", "tech");
    final FakePlatform platform = FakePlatform.all("host", "sandbox");
    final Roles roles;

    RolesTest() {
        Accounts accounts = new Accounts(config);
        accounts.add(platform, "host");
        roles = new Roles(config, accounts, Duration.ofMinutes(1));
    }

    @Test void operatorsModeratorsAndMembers() {
        platform.admins(tech, List.of(new Admin("pat", false, Admin.ALL_RIGHTS)));
        assertEquals(Role.OPERATOR, roles.of(tech, MemberRef.of("olivia", "o")), "listed in bot.operators");
        assertEquals(Role.MODERATOR, roles.of(tech, MemberRef.of("pat", "p")), "a platform admin of the chat");
        assertEquals(Role.MEMBER, roles.of(tech, MemberRef.of("alice", "a")));
        assertEquals(Role.MEMBER, roles.of(new ChatRef("sandbox", "family"), MemberRef.of("pat", "p")), "admin of tech only");
    }

    @Test void aMessageOnBehalfOfTheChatItselfComesFromAnAdmin() {
        ChatRef group = new ChatRef("telegram", "-1001234567890");
        assertEquals(Role.MODERATOR, roles.of(group, MemberRef.of("-1001234567890", "The Group")));
        assertEquals(Role.MEMBER, roles.of(group, MemberRef.of("-1009999999999", "Some channel")));
    }
}
