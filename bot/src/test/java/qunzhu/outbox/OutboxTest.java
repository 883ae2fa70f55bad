package qunzhu.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import qunzhu.app.Wiring;
import qunzhu.config.BotConfig;
import qunzhu.config.OutboxLimits;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.MemberRef;
import qunzhu.core.Outcome;
import qunzhu.feature.Accounts;
import qunzhu.store.Database;
import qunzhu.testkit.FakePlatform;
import qunzhu.testkit.MutableClock;
import qunzhu.testkit.Wait;
import qunzhu.runtime.Threads;
import qunzhu.testkit.TestBot;

@Timeout(30)
class OutboxTest {
    static final ChatRef A = new ChatRef("fake", "a");
    static final ChatRef B = new ChatRef("fake", "b");
    final BotConfig config = Wiring.loader(k -> null).load(TestBot.SHIPPED_CONFIG);
    final MutableClock clock = MutableClock.at("2026-11-24T10:00:00+08:00");
    final Database db = Database.inMemory();
    final FakePlatform platform = FakePlatform.all("acc", "fake");
    Outbox outbox;

    Outbox start(OutboxLimits limits) {
        Accounts accounts = new Accounts(config);
        accounts.add(platform, qunzhu.core.PersonaRole.HOST);
        outbox = new Outbox(accounts, k -> limits, clock, new ActionLog(db, config.zone()), db, Threads.forTests());
        outbox.start();
        return outbox;
    }

    @AfterEach void stop() { if (outbox != null) outbox.stop(Duration.ofSeconds(1)); db.close(); }

    void settle() throws InterruptedException { assertTrue(outbox.awaitIdle(Duration.ofSeconds(5))); }

    /** Waits until the worker has done all it can before the clock moves: what is left waits for a limit or a retry. */
    void parked() throws InterruptedException { assertTrue(outbox.awaitParked(Duration.ofSeconds(5)), "the outbox did not settle"); }

    /** Waits until the closed platform holds {@code n} actions in flight. */
    void inFlight(int n) throws InterruptedException { await(() -> platform.begun.get() == n, n + " action(s) in flight"); }

    static Action.Send send(ChatRef chat, String text) { return Action.Send.of(chat, "host", text); }

    /** Waits (bounded, 5 s) for something the worker does on its own. */
    static void await(java.util.function.BooleanSupplier ok, String what) {
        Wait.until(ok, Duration.ofSeconds(5), what);
    }

    static final MemberRef SPAMMER = MemberRef.of("spammer", "spammer");

    static boolean isMute(Action a) { return a instanceof Action.Mute; }

    List<String> outcomes(String kind) {
        return db.query("SELECT outcome FROM action_log WHERE kind = ? ORDER BY id", rs -> rs.getString(1), kind);
    }

    @Test void aRetryingActionDoesNotHoldTheLaterActionsOfItsChat() throws Exception {
        start(OutboxLimits.UNLIMITED);
        platform.outage(OutboxTest::isMute);              // restrictChatMember answers 500, nothing else fails
        platform.close();
        outbox.submit(new Action.Mute(A, SPAMMER, Duration.ofMinutes(10), "flood"));
        inFlight(1);                                      // the mute is in flight, blocked
        outbox.submit(send(A, "warned"));                                                         // a reply to /warn
        outbox.submit(Action.Send.of(A, "moderator", "removed").withPriority(qunzhu.core.Priority.MODERATION));
        outbox.submit(new Action.Delete(A, "77", "spam"));
        platform.open();
        // The clock stands still: nothing waits for the mute's retry.
        await(() -> platform.performed.size() == 4, "the chat's later actions, at once");
        assertEquals(List.of("mute@a", "send:removed@a", "delete@a", "send:warned@a"), platform.kinds(),
                "moderation first, then the reply; the failed mute holds none of them");
        clock.advance(Duration.ofSeconds(2));             // past the first backoff (0.5-1 s)
        await(() -> platform.tries(OutboxTest::isMute) == 2, "the mute's retry");
        await(outbox::quiet, "the mute waiting again");
        platform.recover();
        clock.advance(Duration.ofSeconds(Outbox.RETRY_CAP_SECONDS + 1));
        settle();
        assertEquals(3, platform.tries(OutboxTest::isMute));
        assertEquals(List.of("error", "error", "done"), outcomes("mute"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM outbox_pending"));
    }

    @Test void aRetryingMessageDoesNotHoldTheNextMessageToTheSameChat() throws Exception {
        start(OutboxLimits.UNLIMITED);
        platform.outage(a -> a instanceof Action.Send s && s.text().equals("first"));
        outbox.submit(send(A, "first"));
        await(() -> platform.performed.size() == 1, "the first try");
        outbox.submit(send(A, "second"));
        await(() -> platform.performed.size() == 2, "the second message, at once");
        platform.recover();
        clock.advance(Duration.ofSeconds(Outbox.RETRY_CAP_SECONDS + 1));
        settle();
        assertEquals(List.of("send:first@a", "send:second@a", "send:first@a"), platform.kinds());
    }

    @Test void actionsOnTheSameMessageWaitBehindOneThatIsRetrying() throws Exception {
        start(OutboxLimits.UNLIMITED);
        platform.outage(a -> a instanceof Action.Edit);
        outbox.submit(new Action.Edit(A, "31", "closed", List.of()));
        await(() -> platform.performed.size() == 1, "the first try of the edit");
        outbox.submit(new Action.Delete(A, "31", "cleanup"));             // must not delete before the edit lands
        outbox.submit(new Action.Delete(A, "32", "spam"));
        await(() -> platform.performed.size() == 2, "the delete of another message");
        platform.recover();
        clock.advance(Duration.ofSeconds(Outbox.RETRY_CAP_SECONDS + 1));
        settle();
        assertEquals(List.of("edit", "delete:32", "edit", "delete:31"), platform.performed.stream()
                .map(a -> a instanceof Action.Delete d ? "delete:" + d.messageId() : a.kind()).toList());
    }

    @Test void actionsOnTheSameMemberWaitBehindOneThatIsRetrying() throws Exception {
        start(OutboxLimits.UNLIMITED);
        platform.outage(a -> a instanceof Action.Mute m && m.member().equals(SPAMMER));
        outbox.submit(new Action.Mute(A, SPAMMER, Duration.ofMinutes(10), "flood"));
        await(() -> platform.performed.size() == 1, "the first try of the mute");
        outbox.submit(new Action.Unmute(A, SPAMMER));                        // must not go before the mute it lifts
        outbox.submit(new Action.Kick(A, MemberRef.of("other", "other"), "ads"));
        await(() -> platform.performed.size() == 2, "the kick of another member");
        assertEquals(List.of("mute@a", "kick@a"), platform.kinds());
        platform.recover();
        clock.advance(Duration.ofSeconds(Outbox.RETRY_CAP_SECONDS + 1));
        settle();
        assertEquals(List.of("mute@a", "kick@a", "mute@a", "unmute@a"), platform.kinds(), "the unmute comes after the mute");
    }

    @Test void anActionIsRetriedAcrossAnOutageAndPerformedOnceThePlatformIsBack() throws Exception {
        start(OutboxLimits.UNLIMITED);
        platform.outage(a -> true);                       // every call answers 502
        outbox.submit(send(A, "reply"));
        outbox.submit(new Action.Ban(A, SPAMMER, null, "ads"));
        await(() -> platform.performed.size() == 2, "the first tries");
        await(outbox::quiet, "both waiting for their retries");
        // Three minutes of outage, one step past the longest backoff at a time: each step retries both.
        for (int step = 1; step <= 6; step++) {
            clock.advance(Duration.ofSeconds(Outbox.RETRY_CAP_SECONDS + 1));
            int expected = 2 * (step + 1);
            await(() -> platform.performed.size() == expected, "retry " + step);
            await(outbox::quiet, "both waiting again");
        }
        assertEquals(2, db.count("SELECT COUNT(*) FROM outbox_pending"), "still queued, not given up");
        platform.recover();
        clock.advance(Duration.ofSeconds(Outbox.RETRY_CAP_SECONDS + 1));
        settle();
        assertEquals(8, platform.tries(a -> a instanceof Action.Send));
        assertEquals(8, platform.tries(a -> a instanceof Action.Ban));
        // Seven failed tries each: the first five are logged (a long outage does not flood action_log), then the success.
        assertEquals(List.of("error", "error", "error", "error", "error", "done"), outcomes("send"));
        assertEquals(List.of("error", "error", "error", "error", "error", "done"), outcomes("ban"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM outbox_pending"));
    }

    @Test void aReplyOlderThanItsMaxAgeIsDroppedAndLoggedWhileABanKeepsTrying() throws Exception {
        start(OutboxLimits.UNLIMITED);                    // default max ages: send 10 min, ban 24 h
        platform.outage(a -> true);
        outbox.submit(send(A, "too late"));
        outbox.submit(new Action.Ban(A, SPAMMER, null, "ads"));
        await(() -> platform.performed.size() == 2, "the first tries");
        await(outbox::quiet, "both waiting for their retries");
        clock.advance(Duration.ofMinutes(11));
        await(() -> platform.tries(a -> a instanceof Action.Ban) == 2, "the ban's retry");
        await(() -> outcomes("send").contains("expired"), "the reply dropped");
        assertEquals(List.of("error", "expired"), outcomes("send"));
        String detail = db.query("SELECT detail FROM action_log WHERE outcome = 'expired'", rs -> rs.getString(1)).get(0);
        assertTrue(detail.contains("max_age 10m") && detail.contains("502 bad gateway"), detail);
        await(outbox::quiet, "the ban waiting again");
        platform.recover();
        clock.advance(Duration.ofSeconds(Outbox.RETRY_CAP_SECONDS + 1));
        settle();
        assertEquals(1, platform.tries(a -> a instanceof Action.Send), "the stale reply is never sent");
        assertEquals(List.of("error", "error", "done"), outcomes("ban"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM outbox_pending"));
    }

    @Test void maxAgeIsPerKindAndConfigurable() throws Exception {
        OutboxLimits lim = OutboxLimits.UNLIMITED.withMaxAge(OutboxLimits.MaxAge.DEFAULTS.with(java.util.Map.of("ban", Duration.ofMinutes(5))));
        start(lim);
        platform.outage(a -> true);
        outbox.submit(new Action.Ban(A, SPAMMER, null, "ads"));
        await(() -> platform.performed.size() == 1, "the first try");
        await(outbox::quiet, "waiting for its retry");
        clock.advance(Duration.ofMinutes(6));
        settle();
        assertEquals(List.of("error", "expired"), outcomes("ban"));
    }

    @Test void anActionLeftAtStopKeepsItsAgeAcrossTheRestart() throws Exception {
        start(OutboxLimits.UNLIMITED);
        platform.outage(a -> true);
        outbox.submit(send(A, "stale after the restart"));
        await(() -> platform.performed.size() == 1, "the first try");
        outbox.stop(Duration.ofMillis(100));
        assertEquals(1, db.count("SELECT COUNT(*) FROM outbox_pending"));
        clock.advance(Duration.ofMinutes(20));            // the bot was down for 20 minutes
        platform.recover();
        start(OutboxLimits.UNLIMITED);
        settle();
        assertEquals(1, platform.performed.size(), "not sent 20 minutes late");
        assertEquals(List.of("error", "expired"), outcomes("send"));
    }

    @Test void aPermanentRefusalAndAnUnsupportedActionStopAtOnce() throws Exception {
        start(OutboxLimits.UNLIMITED);
        platform.then(a -> new Outcome.Failed("Forbidden: bot was kicked from the group", true));
        platform.then(a -> new Outcome.Unsupported("restrictChatMember"));
        outbox.submit(send(A, "hello"));
        settle();
        outbox.submit(new Action.Mute(A, SPAMMER, Duration.ofMinutes(1), "flood"));
        settle();
        clock.advance(Duration.ofMinutes(5));
        parked();
        assertEquals(List.of("send:hello@a", "mute@a"), platform.kinds(), "neither is tried again");
        assertEquals(List.of("failed"), outcomes("send"));
        assertEquals(List.of("unsupported"), outcomes("mute"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM outbox_pending"));
    }

    @Test void moderationGoesBeforeChatterThatWasQueuedEarlier() throws Exception {
        start(OutboxLimits.UNLIMITED);
        platform.close();
        outbox.submit(send(A, "first"));
        inFlight(1);                     // "first" is now in flight, blocked
        outbox.submit(send(B, "chatter"));
        outbox.submit(new Action.Mute(B, MemberRef.of("spammer", "spammer"), Duration.ofMinutes(10), "spam"));
        platform.open();
        settle();
        assertEquals(List.of("send:first@a", "mute@b", "send:chatter@b"), platform.kinds());
    }

    @Test void perChatLimitHoldsOneChatWhileOthersGo() throws Exception {
        start(new OutboxLimits(1, 1, 100, 100, null));
        outbox.submit(send(A, "a1"));
        outbox.submit(send(A, "a2"));
        outbox.submit(send(B, "b1"));
        parked();
        assertEquals(List.of("send:a1@a", "send:b1@b"), platform.kinds(), "a2 waits for the chat's bucket");
        clock.advance(Duration.ofSeconds(1));
        settle();
        assertEquals(List.of("send:a1@a", "send:b1@b", "send:a2@a"), platform.kinds());
    }

    @Test void aFloodWaitingInOneChatIsPassedOverGoesOutInOrderAsItsLimitAllowsAndExpiresWhenStale() throws Exception {
        ChatRef c = new ChatRef("fake", "c");
        start(new OutboxLimits(1, 1, 1000, 1000, null));  // one a second a chat
        platform.close();
        outbox.submit(send(A, "a1"));
        inFlight(1);
        for (int i = 2; i <= 300; i++) outbox.submit(send(A, "a" + i));
        outbox.submit(send(B, "b1"));
        outbox.submit(new Action.Mute(B, SPAMMER, Duration.ofMinutes(10), "spam"));
        outbox.submit(send(c, "c1"));
        platform.open();
        parked();
        // moderation first; a mute does not count against its chat's sends
        assertEquals(List.of("send:a1@a", "mute@b", "send:b1@b", "send:c1@c"), platform.kinds());
        for (int s = 1; s <= 3; s++) {
            clock.advance(Duration.ofSeconds(1));
            parked();
        }
        assertEquals(List.of("send:a1@a", "mute@b", "send:b1@b", "send:c1@c", "send:a2@a", "send:a3@a", "send:a4@a"), platform.kinds());
        clock.advance(Duration.ofMinutes(11));            // a send may wait 10 minutes
        settle();
        assertEquals(7, platform.performed.size(), "the stale rest of the flood is not sent");
        assertEquals(296, outcomes("send").stream().filter("expired"::equals).count());
        assertEquals(0, db.count("SELECT COUNT(*) FROM outbox_pending"));
    }

    @Test void perMinuteWindowCapsAGroup() throws Exception {
        start(new OutboxLimits(1000, 1000, 2, 1000, null));
        for (int i = 1; i <= 3; i++) outbox.submit(send(A, "m" + i));
        parked();
        assertEquals(2, platform.performed.size(), "only two in any minute");
        clock.advance(Duration.ofSeconds(61));
        settle();
        assertEquals(3, platform.performed.size());
    }

    @Test void aChatSentToOnceKeepsNoLimitStateOnceItsLimitsHavePassed() throws Exception {
        start(new OutboxLimits(1, 1, 20, 1000, null));
        for (int i = 0; i < 300; i++) outbox.submit(send(new ChatRef("fake", "private:acc:u" + i), "hi"));
        settle();
        assertEquals(300, platform.performed.size());
        assertEquals(300, outbox.chatsHeld("acc"), "each chat's bucket and window are live for a minute");
        clock.advance(Duration.ofSeconds(61));
        await(() -> outbox.chatsHeld("acc") == 0, "the passed limits forgotten (" + outbox.chatsHeld("acc") + " chats held)");
    }

    @Test void aChatStillInsideItsMinuteKeepsItsWindowWhenIdleChatsAreForgotten() throws Exception {
        start(new OutboxLimits(1000, 1000, 2, 1000, null));
        outbox.submit(send(A, "m1"));
        outbox.submit(send(A, "m2"));
        outbox.submit(send(B, "b1"));
        settle();
        clock.advance(Duration.ofSeconds(40));   // past FORGET_IDLE_MS: the worker forgets what has passed
        outbox.submit(send(A, "m3"));
        parked();
        assertEquals(List.of("send:m1@a", "send:m2@a", "send:b1@b"), platform.kinds(), "m3 waits: A sent two within the minute");
        clock.advance(Duration.ofSeconds(21));
        settle();
        assertEquals(List.of("send:m1@a", "send:m2@a", "send:b1@b", "send:m3@a"), platform.kinds());
    }

    @Test void retryAfterHoldsTheChatUntilItPasses() throws Exception {
        start(OutboxLimits.UNLIMITED);
        platform.then(a -> new Outcome.RetryAfter(Duration.ofSeconds(30)));
        outbox.submit(send(A, "a1"));
        outbox.submit(send(A, "a2"));
        outbox.submit(send(B, "b1"));
        parked();
        assertEquals(List.of("send:a1@a", "send:b1@b"), platform.kinds(), "nothing more to chat a before 30 s");
        clock.advance(Duration.ofSeconds(29));
        parked();
        assertEquals(2, platform.performed.size());
        clock.advance(Duration.ofSeconds(2));
        settle();
        assertEquals(List.of("send:a1@a", "send:b1@b", "send:a1@a", "send:a2@a"), platform.kinds(), "a1 again, then a2, in order");
        assertEquals(1, db.count("SELECT COUNT(*) FROM action_log WHERE outcome = 'retry_after' AND detail = 'PT30S'"));
    }

    @Test void transientFailuresAreRetriedWithBackoffAndPermanentOnesAreNot() throws Exception {
        start(OutboxLimits.UNLIMITED);
        platform.then(a -> new Outcome.Failed("502 bad gateway", false));
        platform.then(a -> new Outcome.Failed("message to delete not found", true));
        outbox.submit(send(A, "hello"));
        parked();
        outbox.submit(new Action.Delete(B, "77", "test"));
        parked();
        assertEquals(2, platform.performed.size());
        clock.advance(Duration.ofSeconds(2));      // past the first backoff (0.5-1 s)
        settle();
        assertEquals(List.of("send:hello@a", "delete@b", "send:hello@a"), platform.kinds());
        assertEquals(List.of("error", "failed", "done"),
                db.query("SELECT outcome FROM action_log ORDER BY id", rs -> rs.getString(1)));
    }

    @Test void unsentActionsArePersistedOnStopAndSentAtTheNextStart() throws Exception {
        start(new OutboxLimits(1, 1, 100, 100, null));
        outbox.submit(send(A, "now"));
        outbox.submit(send(A, "later"));
        parked();
        outbox.stop(Duration.ofMillis(100));
        assertEquals(1, db.count("SELECT COUNT(*) FROM outbox_pending"));
        platform.performed.clear();
        start(new OutboxLimits(1, 1, 100, 100, null));
        settle();
        assertEquals(List.of("send:later@a"), platform.kinds());
        assertEquals(0, db.count("SELECT COUNT(*) FROM outbox_pending"));
    }

    @Test void theGlobalLimitHoldsAllAccountsTogether() throws Exception {
        FakePlatform other = FakePlatform.all("acc2", "fake2");
        Accounts accounts = new Accounts(config);
        accounts.add(platform, qunzhu.core.PersonaRole.HOST);
        accounts.add(other, qunzhu.core.PersonaRole.HOST);
        OutboxLimits global = new OutboxLimits(1e9, 1_000_000, 1_000_000, 1, null);   // 1 a second over everything
        outbox = new Outbox(accounts, k -> k.equals(OutboxLimits.GLOBAL) ? global : OutboxLimits.UNLIMITED, clock,
                new ActionLog(db, config.zone()), db, Threads.forTests());
        outbox.start();
        outbox.submit(send(A, "one"));
        outbox.submit(send(new ChatRef("fake2", "b"), "two"));
        parked();
        assertEquals(1, platform.performed.size() + other.performed.size(), "one action in the first second, whichever account");
        clock.advance(Duration.ofSeconds(1));
        settle();
        assertEquals(2, platform.performed.size() + other.performed.size());
    }

    @Test void anActionQueuedWhenTheProcessDiesIsSentAtTheNextStart() throws Exception {
        start(OutboxLimits.UNLIMITED);
        platform.close();                                 // the platform hangs: nothing completes
        outbox.submit(send(A, "survives"));
        inFlight(1);
        assertEquals(1, db.count("SELECT COUNT(*) FROM outbox_pending"), "queued means stored");
        // The process is killed here: no stop, no drain. The next run opens the same database.
        FakePlatform next = FakePlatform.all("acc", "fake");
        Accounts accounts = new Accounts(config);
        accounts.add(next, qunzhu.core.PersonaRole.HOST);
        Outbox second = new Outbox(accounts, k -> OutboxLimits.UNLIMITED, clock, new ActionLog(db, config.zone()), db, Threads.forTests());
        second.start();
        try {
            assertTrue(second.awaitIdle(Duration.ofSeconds(5)));
            assertEquals(List.of("send:survives@a"), next.kinds());
            assertEquals(0, db.count("SELECT COUNT(*) FROM outbox_pending"), "done: its row is gone with the log row");
        } finally {
            second.stop(Duration.ofSeconds(1));
            platform.open();
        }
    }

    @Test void everyOutcomeIsLoggedWithAccountPersonaAndTarget() throws Exception {
        start(OutboxLimits.UNLIMITED);
        outbox.submit(new Action.Ban(A, MemberRef.of("u1", "U"), null, "ads"));
        settle();
        assertEquals(List.of("acc|host|ban|u1|ads|done"), db.query(
                "SELECT account, persona, kind, member_id, reason, outcome FROM action_log",
                rs -> String.join("|", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6))));
    }

    @Test void aStoreThatFailsWhileRecordingWhatWasDoneNeitherStopsTheWorkerNorSendsItAgain() throws Exception {
        start(OutboxLimits.UNLIMITED);
        platform.then(a -> { db.simulateFullDisk(true); return null; });   // done, and the disk is full as it answers
        platform.close();                                 // both stored before the first is done
        outbox.submit(send(A, "first"));
        outbox.submit(send(A, "second"));
        platform.open();
        await(() -> platform.performed.size() == 2, "the second send although the first could not be recorded");
        assertEquals(List.of(), outcomes("send"), "nothing could be written yet");
        db.simulateFullDisk(false);
        await(() -> outcomes("send").size() == 2, "both rows, once the store writes again");
        assertEquals(List.of("done", "done"), outcomes("send"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM outbox_pending"), "neither is sent again at the next start");
        outbox.submit(send(B, "third"));
        await(() -> platform.performed.size() == 3, "the worker goes on");
        assertEquals(List.of("first", "second", "third"), platform.sent());
    }

    /** Holds the store's lock on another thread (as the pipeline's transactions do) until the returned latch is counted down. */
    java.util.concurrent.CountDownLatch holdStore() throws InterruptedException {
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1), release = new java.util.concurrent.CountDownLatch(1);
        Thread t = new Thread(() -> db.tx(c -> {
            held.countDown();
            try { release.await(10, java.util.concurrent.TimeUnit.SECONDS); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            return null;
        }), "holds-the-store");
        t.setDaemon(true);
        t.start();
        assertTrue(held.await(5, java.util.concurrent.TimeUnit.SECONDS));
        return release;
    }

    @Test void whileAnotherThreadHoldsTheStoreTheWorkerGoesOnSendingAndRecordsAllOnceItIsFree() throws Exception {
        start(OutboxLimits.UNLIMITED);
        platform.close();
        for (int i = 1; i <= 3; i++) outbox.submit(send(A, "m" + i));
        java.util.concurrent.CountDownLatch release = holdStore();
        platform.open();
        await(() -> platform.performed.size() == 3, "all three sent although the store is held");
        assertTrue(!outbox.idle(), "not idle while what was done is not recorded");
        release.countDown();
        settle();
        assertEquals(List.of("done", "done", "done"), outcomes("send"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM outbox_pending"), "none is sent again at the next start");
        assertEquals(List.of("m1", "m2", "m3"), db.query("SELECT text FROM action_log ORDER BY id", rs -> rs.getString(1)));
    }

    @Test void anActionWithAFollowUpIsRecordedBeforeItsListenersHearOfIt() throws Exception {
        start(OutboxLimits.UNLIMITED);
        java.util.List<Long> rowsWhenTold = new java.util.concurrent.CopyOnWriteArrayList<>();
        outbox.addListener((action, account, outcome) -> {
            if (action instanceof Action.Mute) rowsWhenTold.add(db.count("SELECT COUNT(*) FROM action_log WHERE kind = 'mute'"));
        });
        platform.close();
        outbox.submit(new Action.Mute(A, SPAMMER, Duration.ofMinutes(10), "flood", new qunzhu.core.FollowUp("moderation", "muted", "{}")));
        java.util.concurrent.CountDownLatch release = holdStore();
        platform.open();
        inFlight(1);
        Thread.sleep(50);
        release.countDown();
        await(() -> rowsWhenTold.size() == 1, "the listener told");
        // A mute told before its row is written could, after a kill, be done and announced twice.
        assertEquals(List.of(1L), rowsWhenTold);
    }

    @Test void whatWasDoneWhileMoreWaitsIsRecordedBeforeTheWorkerSettlesOrStops() throws Exception {
        start(new OutboxLimits(1, 1, 100, 100, null));
        outbox.submit(send(A, "a1"));
        outbox.submit(send(A, "a2"));
        parked();
        assertEquals(List.of("done"), outcomes("send"), "a1's row, although a2 still waits in the queue");
        clock.advance(Duration.ofSeconds(1));
        outbox.submit(send(A, "a3"));
        await(() -> platform.performed.size() == 2, "a2 sent");
        outbox.stop(Duration.ofSeconds(2));
        assertEquals(List.of("done", "done"), outcomes("send"));
        List<String> pending = db.query("SELECT payload FROM outbox_pending", rs -> rs.getString(1));
        assertEquals(1, pending.size(), "only a3 is sent at the next start: " + pending);
        assertTrue(pending.get(0).contains("\"a3\""), pending.get(0));
    }
}
