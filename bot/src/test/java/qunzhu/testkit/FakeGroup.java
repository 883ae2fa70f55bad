package qunzhu.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import qunzhu.platform.sandbox.SandboxHub;

/**
 * One sandbox group seen by a test: members act, and the transcript is read back as the
 * lines a person would see. {@link #shouldReply} fails with what was actually said.
 */
public final class FakeGroup {
    private final TestBot bot;
    private final String id;
    private long seen;

    FakeGroup(TestBot bot, String id) {
        this.bot = bot;
        this.id = id;
        this.seen = lastSeq();
    }

    public String id() { return id; }

    public String post(String member, String text) {
        String mid = bot.hub().post(id, member, text, null, null);
        bot.settle();
        return mid;
    }

    public String reply(String member, String replyTo, String text) {
        String mid = bot.hub().post(id, member, text, replyTo, null);
        bot.settle();
        return mid;
    }

    public void join(String member) { bot.hub().join(id, member); bot.settle(); }
    /** {@code member} joins, invited by {@code inviter} (as Telegram's invite links and QQ's invitations say). */
    public void joinInvitedBy(String member, String inviter) { bot.hub().join(id, member, inviter); bot.settle(); }
    public void leave(String member) { bot.hub().leave(id, member); bot.settle(); }
    public void request(String member, String comment) { bot.hub().request(id, member, comment); bot.settle(); }
    public void press(String member, String messageId, String data) { bot.hub().press(id, member, messageId, data); bot.settle(); }

    /** Transcript entries added since the last call (or since this object was made). */
    public List<SandboxHub.Entry> newEntries() {
        @SuppressWarnings("unchecked")
        List<SandboxHub.Entry> entries = (List<SandboxHub.Entry>) bot.hub().transcript(id, seen).get("entries");
        // The transcript also hands back older lines changed since (deleted, edited): those are not new.
        long from = seen;
        List<SandboxHub.Entry> fresh = entries.stream().filter(e -> e.seq() > from).toList();
        for (SandboxHub.Entry e : fresh) seen = Math.max(seen, e.seq());
        return fresh;
    }

    /** Bot messages among the new entries. */
    public List<SandboxHub.Entry> botSaid() {
        List<SandboxHub.Entry> out = new ArrayList<>();
        for (SandboxHub.Entry e : newEntries()) if (e.kind().equals("bot")) out.add(e);
        return out;
    }

    /** Posts {@code text} as {@code member} and expects exactly one bot reply containing {@code expected}. */
    public SandboxHub.Entry shouldReply(String member, String text, String expected) {
        newEntries();
        post(member, text);
        List<SandboxHub.Entry> said = botSaid();
        if (said.size() != 1 || !said.get(0).text().contains(expected)) {
            fail("expected \"" + text + "\" from " + member + " to be replied with \"" + expected + "\" but the bot said "
                    + said.stream().map(e -> "\"" + e.text() + "\"").toList());
        }
        return said.get(0);
    }

    public void shouldNotReply(String member, String text) {
        newEntries();
        post(member, text);
        List<SandboxHub.Entry> said = botSaid();
        assertEquals(List.of(), said.stream().map(SandboxHub.Entry::text).toList(), "expected no reply to \"" + text + "\"");
    }

    @SuppressWarnings("unchecked")
    public List<String> members() { return (List<String>) bot.hub().transcript(id, Long.MAX_VALUE).get("members"); }

    @SuppressWarnings("unchecked")
    public List<String> muted() { return (List<String>) bot.hub().transcript(id, Long.MAX_VALUE).get("muted"); }

    /** The whole transcript entry with that message id. */
    public SandboxHub.Entry message(String messageId) {
        @SuppressWarnings("unchecked")
        List<SandboxHub.Entry> all = (List<SandboxHub.Entry>) bot.hub().transcript(id, 0).get("entries");
        for (SandboxHub.Entry e : all) if (e.id().equals(messageId)) return e;
        fail("no message " + messageId + " in " + id);
        return null;
    }

    /** The newest bot message (deleted or not) with a button whose data starts with {@code dataPrefix}. */
    public SandboxHub.Entry withButton(String dataPrefix) {
        @SuppressWarnings("unchecked")
        List<SandboxHub.Entry> all = (List<SandboxHub.Entry>) bot.hub().transcript(id, 0).get("entries");
        for (int i = all.size() - 1; i >= 0; i--) {
            SandboxHub.Entry e = all.get(i);
            if (e.buttons().stream().anyMatch(b -> b.data().startsWith(dataPrefix))) return e;
        }
        fail("no bot message with a button " + dataPrefix + "... in " + id);
        return null;
    }

    /** Presses the button starting with {@code dataPrefix} on the newest message carrying one. */
    public void pressButton(String member, String dataPrefix) {
        SandboxHub.Entry e = withButton(dataPrefix);
        String data = e.buttons().stream().filter(b -> b.data().startsWith(dataPrefix)).findFirst().orElseThrow().data();
        press(member, e.id(), data);
    }

    /** Joins and passes the join verification by pressing the member's own button. */
    public void joinVerified(String member) {
        join(member);
        pressButton(member, "verify:" + member);
    }

    /** Whether the message is still visible (not deleted). */
    public boolean visible(String messageId) { return !message(messageId).deleted(); }

    @SuppressWarnings("unchecked")
    public List<String> banned() { return (List<String>) bot.hub().transcript(id, Long.MAX_VALUE).get("banned"); }

    public String pinned() { return (String) bot.hub().transcript(id, Long.MAX_VALUE).get("pinned"); }

    private long lastSeq() {
        @SuppressWarnings("unchecked")
        List<SandboxHub.Entry> all = (List<SandboxHub.Entry>) bot.hub().transcript(id, 0).get("entries");
        return all.stream().mapToLong(SandboxHub.Entry::seq).max().orElse(0);
    }

    public Map<String, Object> transcript() { return bot.hub().transcript(id, 0); }

    /**
     * The transcript since this bot started: what came after the "the bot restarted" line that
     * closes the world the sandbox rebuilt from the store (everything, when nothing was rebuilt).
     */
    public List<SandboxHub.Entry> sinceStart() {
        @SuppressWarnings("unchecked")
        List<SandboxHub.Entry> all = (List<SandboxHub.Entry>) transcript().get("entries");
        int from = 0;
        for (int i = 0; i < all.size(); i++) if (all.get(i).kind().equals("system") && all.get(i).text().startsWith("⟳")) from = i + 1;
        return all.subList(from, all.size());
    }

    public static void assertContains(String haystack, String needle) {
        assertTrue(haystack.contains(needle), "expected \"" + haystack + "\" to contain \"" + needle + "\"");
    }
}
