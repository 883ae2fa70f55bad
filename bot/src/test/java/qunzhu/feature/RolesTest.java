package qunzhu.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import qunzhu.app.Wiring;
import qunzhu.config.BotConfig;
import qunzhu.core.Admin;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import qunzhu.core.Role;
import qunzhu.runtime.Threads;
import qunzhu.testkit.FakePlatform;
import qunzhu.testkit.MutableClock;
import qunzhu.testkit.TestBot;

class RolesTest {
    final BotConfig config = Wiring.loader(k -> null).load(TestBot.SHIPPED_CONFIG);
    final ChatRef tech = new ChatRef("sandbox", "tech");
    final FakePlatform platform = FakePlatform.all("host", "sandbox");
    final FakePlatform telegram = FakePlatform.all("tg", "telegram");
    final Threads threads = Threads.forTests();
    final Roles roles;

    RolesTest() {
        Accounts accounts = new Accounts(config);
        accounts.add(platform, qunzhu.core.PersonaRole.HOST);
        accounts.add(telegram, qunzhu.core.PersonaRole.HOST);
        roles = new Roles(config, new AdminDirectory(accounts::fetchAdmins, MutableClock.at("2026-11-24T10:00:00+08:00"), threads,
                AdminDirectory.Timing.DEFAULT));
    }

    @AfterEach void stop() { threads.close(); }

    @Test void operatorsModeratorsAndMembers() {
        platform.admins(tech, List.of(new Admin("pat", false, Admin.ALL_RIGHTS)));
        assertEquals(Role.OPERATOR, roles.of(tech, MemberRef.of("olivia", "o")), "listed in bot.operators: no fetch needed");
        assertEquals(Role.MODERATOR, roles.confirmed(tech, MemberRef.of("pat", "p")), "a platform admin of the chat");
        assertEquals(Role.MEMBER, roles.of(tech, MemberRef.of("alice", "a")));
        assertEquals(Role.MEMBER, roles.confirmed(new ChatRef("sandbox", "family"), MemberRef.of("pat", "p")), "admin of tech only");
    }

    @Test void aMemberWhoseIdEqualsTheChatIdIsAPlainMember() {
        assertEquals(Role.MEMBER, roles.confirmed(tech, MemberRef.of("tech", "tech")), "sandbox member named like the group");
        ChatRef qq = new ChatRef("onebot", "123456789");
        assertEquals(Role.MEMBER, roles.confirmed(qq, MemberRef.of("123456789", "same number")), "QQ user number = group number");
        ChatRef group = new ChatRef("telegram", "-1001234567890");
        assertEquals(Role.MEMBER, roles.confirmed(group, MemberRef.of("-1001234567890", "The Group")), "the id alone proves nothing");
    }

    @Test void onlyAMessageThePlatformMarksAsSentByTheChatComesFromAnAdmin() {
        ChatRef group = new ChatRef("telegram", "-1001234567890");
        MemberRef asGroup = MemberRef.of("-1001234567890", "The Group");
        assertEquals(Role.MODERATOR, roles.confirmed(message(group, asGroup, true)), "anonymous admin: sender_chat is the group");
        assertEquals(Role.MEMBER, roles.confirmed(message(group, asGroup, false)));
        assertEquals(Role.MEMBER, roles.confirmed(message(group, MemberRef.of("-1009999999999", "Some channel"), true)),
                "sent as another chat");
    }

    private static Event.MessagePosted message(ChatRef chat, MemberRef author, boolean sentAsChat) {
        return new Event.MessagePosted(EventKey.of(chat, "1"), chat, Instant.EPOCH, "tg", author, "1", "/ban", null, null,
                false, false, false, sentAsChat);
    }
}
