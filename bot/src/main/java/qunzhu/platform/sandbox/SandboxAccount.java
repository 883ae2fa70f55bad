package qunzhu.platform.sandbox;

import java.util.List;
import qunzhu.core.Action;
import qunzhu.core.Admin;
import qunzhu.core.Capabilities;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.Outcome;
import qunzhu.platform.EventSink;
import qunzhu.platform.Platform;

/** One bot account in the sandbox; it sits in every sandbox group. */
public final class SandboxAccount implements Platform {
    /** Everything but personal invite links (sandbox joins say their inviter directly: {@code SandboxHub#join(group, who, invitedBy)}). */
    private static final Capabilities CAPS = new Capabilities(Capabilities.allBut(Action.SendInviteLink.class), true, true);

    private final String id;
    private final String displayName;
    private final SandboxHub hub;
    private volatile EventSink sink;

    public SandboxAccount(String id, String displayName, SandboxHub hub) {
        this.id = id;
        this.displayName = displayName;
        this.hub = hub;
        hub.named(id, displayName);
    }

    @Override public String id() { return id; }
    @Override public String kind() { return SandboxHub.PLATFORM; }
    @Override public Capabilities capabilities() { return CAPS; }
    @Override public String selfId() { return "bot-" + id; }
    String displayName() { return displayName; }

    @Override public void start(EventSink sink) {
        this.sink = sink;
        hub.register(this);
    }

    void receive(Event e) {
        EventSink s = sink;
        if (s == null) return;
        s.accept(List.of(withAccount(e)));
    }

    private Event withAccount(Event e) {
        if (e instanceof Event.MessagePosted m) return new Event.MessagePosted(m.key(), m.chat(), m.at(), id, m.author(), m.messageId(),
                m.text(), m.replyToId(), m.replyToAuthor(), m.forwarded(), m.media(), m.fromChannel(), m.sentAsChat());
        if (e instanceof Event.MemberJoined j) return new Event.MemberJoined(j.key(), j.chat(), j.at(), id, j.member(), j.invitedBy());
        if (e instanceof Event.MemberLeft l) return new Event.MemberLeft(l.key(), l.chat(), l.at(), id, l.member(), l.removedBy());
        if (e instanceof Event.ButtonPressed b) return new Event.ButtonPressed(b.key(), b.chat(), b.at(), id, b.member(), b.messageId(), b.data(), b.callbackId());
        if (e instanceof Event.JoinRequested r) return new Event.JoinRequested(r.key(), r.chat(), r.at(), id, r.member(), r.requestId(), r.comment());
        return e;
    }

    /** A {@link Action.DeleteMany} goes as single deletes; one already gone is skipped. */
    @Override public Outcome perform(Action action) {
        if (action instanceof Action.DeleteMany d) {
            for (String id : d.messageIds()) hub.apply(this, new Action.Delete(d.chat(), id, d.reason()));
            return Outcome.done();
        }
        return hub.apply(this, action);
    }

    @Override public List<Admin> admins(ChatRef chat) { return hub.admins(chat); }

    @Override public void stop() {
        hub.unregister(this);
        sink = null;
    }
}
