package qunzhu.features.reports;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import qunzhu.core.Tally;
import qunzhu.testkit.TestBot;

/** Hands events with exact times straight to a test bot's pipeline (the sandbox cannot say who invited whom). */
final class Feed {
    private static final AtomicLong IDS = new AtomicLong();
    private final TestBot bot;

    Feed(TestBot bot) { this.bot = bot; }

    static Instant at(String shanghai) { return OffsetDateTime.parse(shanghai + "+08:00").toInstant(); }

    void send(Event e) {
        bot.bot().pipeline().accept(List.of(e));
        bot.settle();
    }

    String post(ChatRef chat, String who, String when) { return post(chat, who, when, null); }

    String post(ChatRef chat, String who, String when, String replyTo) { return say(chat, who, when, replyTo, null); }

    /** A message with this text ("hello" and its id when null). */
    String say(ChatRef chat, String who, String when, String replyTo, String text) {
        String id = "m" + IDS.incrementAndGet();
        send(new Event.MessagePosted(EventKey.of(chat, id), chat, at(when), "host", MemberRef.of(who, who), id, text == null ? "hello " + id : text,
                replyTo, null, false, false, false));
        return id;
    }

    void join(ChatRef chat, String who, String when, String invitedBy) {
        send(new Event.MemberJoined(EventKey.of(chat, "j" + IDS.incrementAndGet()), chat, at(when), "host", MemberRef.of(who, who),
                invitedBy == null ? null : MemberRef.of(invitedBy, invitedBy)));
    }

    void leave(ChatRef chat, String who, String when, String removedBy) {
        send(new Event.MemberLeft(EventKey.of(chat, "l" + IDS.incrementAndGet()), chat, at(when), "host", MemberRef.of(who, who),
                removedBy == null ? null : MemberRef.of(removedBy, removedBy)));
    }

    void move(ChatRef from, ChatRef to, String when) {
        send(new Event.ChatMigrated(EventKey.of(from, "mv" + IDS.incrementAndGet()), from, at(when), "host", to));
    }

    /** A Counted fact as another feature would emit it, carried here by a test-only feature. */
    static Event.Counted counted(ChatRef chat, String who, String when, Tally tally, long value, String detail) {
        return new Event.Counted(EventKey.of(chat, "c" + IDS.incrementAndGet()), chat, at(when), "host",
                who == null ? null : MemberRef.of(who, who), tally, value, detail);
    }
}
