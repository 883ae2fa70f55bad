package qunzhu.features.announce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.FakePlatform;
import qunzhu.testkit.TestBot;

/** The announce feature alone (with the command router), on groups configured here. */
class AnnounceFeatureTest {
    static final String GROUPS = """
            profiles:
              interest:
                category: interest
            groups:
              tech:
                chat: sandbox:tech
                title: 技术交流群
                profile: interest
              tech2:
                chat: sandbox:tech2
                title: 技术二群
                profile: interest
              family:
                chat: sandbox:family
                title: Family & Friends
                locale: en
            """;

    TestBot bot = TestBot.with(new AnnounceFeature()).yaml(GROUPS).build();
    final FakeGroup tech = bot.group("tech");
    final FakeGroup tech2 = bot.group("tech2");
    final FakeGroup family = bot.group("family");

    @AfterEach void stop() { bot.close(); }

    @Test void moderatorAnnouncementIsPostedByTheHostAndPinned() {
        tech.newEntries();
        tech.post("mia", "/announce 周六晚 10 点停机维护");
        List<SandboxHub.Entry> said = tech.botSaid();
        assertEquals(2, said.size());
        SandboxHub.Entry post = said.stream().filter(e -> e.text().startsWith("📢")).findFirst().orElseThrow();
        assertEquals("📢 公告\n周六晚 10 点停机维护", post.text());
        assertEquals("小群", post.authorName());
        assertEquals(post.id(), tech.pinned());
        assertTrue(said.stream().anyMatch(e -> e.text().equals("公告已发布。")));
        assertNull(tech2.pinned(), "other groups untouched");
        assertEquals(List.of(), tech2.botSaid());
    }

    @Test void membersCannotAnnounce() {
        tech.shouldReply("alice", "/announce 今晚停电", "只有管理员可以在这里使用 /announce（你是成员）");
        assertNull(tech.pinned());
    }

    @Test void operatorAnnouncesToEveryGroupOfTheProfile() {
        tech.newEntries();
        tech.post("olivia", "/announce profile 本周主题：Java 21");
        List<SandboxHub.Entry> here = tech.botSaid();
        FakeGroup.assertContains(here.stream().map(SandboxHub.Entry::text).toList().toString(), "公告已发布到「interest」模板下的 2 个群。");
        assertEquals(here.stream().filter(e -> e.text().startsWith("📢")).findFirst().orElseThrow().id(), tech.pinned());
        SandboxHub.Entry other = tech2.botSaid().get(0);
        assertEquals("📢 公告\n本周主题：Java 21", other.text());
        assertEquals(other.id(), tech2.pinned());
        assertEquals(List.of(), family.botSaid(), "family has another profile");
    }

    @Test void moderatorOfOnlyOneGroupCannotAnnounceToTheProfile() {
        tech.shouldReply("mia", "/announce profile 大家好", "你不是「技术二群」的管理员");
        assertEquals(List.of(), tech2.botSaid());
    }

    @Test void groupWithoutProfileSaysSo() {
        family.shouldReply("olivia", "/announce profile hello", "Family & Friends uses no profile");
    }

    @Test void withoutPinTheAnnouncementIsStillPostedAndTheModeratorIsTold() {
        bot.close();
        FakePlatform p = FakePlatform.lacking("np", "nopin", qunzhu.core.Action.Pin.class);
        bot = TestBot.with(new AnnounceFeature()).platform(p.factory())
                .file("accounts.yml", """
                        accounts:
                          - id: np
                            platform: nopin
                        """)
                .file("groups.yml", """
                        groups:
                          np:
                            chat: nopin:g1
                            title: 无置顶群
                            moderators: [nopin:mia]
                        """).build();
        ChatRef chat = new ChatRef("nopin", "g1");
        p.deliver(new Event.MessagePosted(EventKey.of(chat, "m1"), chat, bot.clock().instant(), "np", MemberRef.of("mia", "mia"),
                "m1", "/announce 明天放假", null, null, false, false, false));
        bot.settle();
        assertEquals(List.of("📢 公告\n明天放假", "公告已发布。\n这些群所在的平台不支持置顶，请手动置顶：无置顶群"), p.sent());
        assertFalse(p.performed.stream().anyMatch(a -> a instanceof Action.Pin), "no pin attempted");
    }

    @Test void aPinRefusedByThePlatformIsReportedPlainly() {
        bot.close();
        FakePlatform p = FakePlatform.refusing("nr", "nr", "pin");
        bot = TestBot.with(new AnnounceFeature()).platform(p.factory())
                .file("accounts.yml", "accounts:\n  - id: nr\n    platform: nr\n")
                .file("groups.yml", "groups:\n  g:\n    chat: nr:g1\n    title: G\n    moderators: [nr:mia]\n").build();
        ChatRef chat = new ChatRef("nr", "g1");
        p.deliver(new Event.MessagePosted(EventKey.of(chat, "m1"), chat, bot.clock().instant(), "nr", MemberRef.of("mia", "mia"),
                "m1", "/announce 明天放假", null, null, false, false, false));
        bot.settle();
        assertTrue(p.performed.stream().anyMatch(a -> a instanceof Action.Pin), "pin attempted");
        assertTrue(p.sent().contains("我没能执行「置顶消息」：not enough rights"), "sent: " + p.sent());
    }
}
