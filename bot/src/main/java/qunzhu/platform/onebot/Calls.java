package qunzhu.platform.onebot;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import qunzhu.core.Outcome;

/**
 * API calls over the WebSocket (spec communication/ws.md): each request carries a unique
 * {@code echo} that the implementation returns verbatim, so answers may arrive in any order.
 * Pending calls fail (not permanently) on timeout and when the connection drops.
 */
final class Calls {
    /** A raw answer: the whole response frame, or null when none came. */
    record Answer(JsonObject frame, Outcome failure) {
        boolean ok() { return failure == null; }

        JsonElement data() { return frame == null ? null : frame.get("data"); }
    }

    private final String prefix;
    private final AtomicLong next = new AtomicLong();
    private final Map<String, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();

    Calls(String prefix) { this.prefix = prefix; }

    /**
     * Sends {@code {"action","params","echo"}} through {@code send} and waits for its answer.
     * {@code send} returns false when there is no open connection.
     */
    Answer call(String action, JsonObject params, Duration timeout, java.util.function.Predicate<String> send) {
        String echo = prefix + ":" + next.incrementAndGet();
        CompletableFuture<JsonObject> f = new CompletableFuture<>();
        pending.put(echo, f);
        try {
            JsonObject frame = new JsonObject();
            frame.addProperty("action", action);
            frame.add("params", params == null ? new JsonObject() : params);
            frame.addProperty("echo", echo);
            if (!send.test(frame.toString())) return new Answer(null, new Outcome.Failed("not connected to the OneBot implementation", false));
            JsonObject resp = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return outcome(action, resp);
        } catch (TimeoutException e) {
            return new Answer(null, new Outcome.Failed(action + ": no answer within " + human(timeout), false));
        } catch (ExecutionException e) {
            return new Answer(null, new Outcome.Failed(action + ": " + e.getCause().getMessage(), false));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(null, new Outcome.Failed(action + ": interrupted", false));
        } finally {
            pending.remove(echo);
        }
    }

    /** 30s, or 300ms below a second (a sub-second action_timeout read "0s"). */
    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** Completes the call a response frame answers; false when no call waits for it. */
    boolean complete(JsonObject response) {
        JsonElement echo = response.get("echo");
        if (echo == null || echo.isJsonNull()) return false;
        String key = echo.isJsonPrimitive() ? echo.getAsString() : echo.toString();
        CompletableFuture<JsonObject> f = pending.get(key);
        return f != null && f.complete(response);
    }

    /** Fails every waiting call, e.g. because the connection dropped. */
    void failAll(String why) {
        pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException(why)));
    }

    int waiting() { return pending.size(); }

    /**
     * status/retcode to an outcome (spec: 0 ok, 1 async; WS mirrors HTTP codes as 14xx: 1400
     * bad request, 1401/1403 token, 1404 unknown action). An implementation that answered "failed" has tried and refused, so a failed answer
     * is final: 1404/404 unknown action, 10002 (v12 "unsupported action") or a message saying
     * the API is not supported (NapCat "不支持的Api", "not supported", "API_NOT_FOUND") →
     * Unsupported (the message counts only where the retcode says nothing more precise); anything
     * else → permanent (1400/400 bad params, 1401/1403 auth, 1200
     * handler error, whose "timeout" may still deliver the message later (koishi#785), go-cqhttp
     * 100 send error, ...). Only no answer at all (timeout, connection lost) may be retried:
     * see {@link #call}.
     */
    static Answer outcome(String action, JsonObject resp) {
        String status = Json.text(resp, "status");
        long retcode = Json.number(resp, "retcode", "ok".equals(status) ? 0 : -1);
        if (retcode == 0 || retcode == 1 || "async".equals(status)) {
            if (status == null || "ok".equals(status) || "async".equals(status)) return new Answer(resp, null);
        }
        String why = reason(resp, retcode, action);
        boolean known = retcode == 1400 || retcode == 400 || retcode == 1401 || retcode == 401 || retcode == 1403 || retcode == 403
                || retcode == 1200;
        if (retcode == 1404 || retcode == 404 || retcode == 10002 || (!known && saysUnsupported(resp))) {
            return new Answer(resp, new Outcome.Unsupported(action + " (" + why + ")"));
        }
        return new Answer(resp, new Outcome.Failed(why, true));
    }

    private static boolean saysUnsupported(JsonObject resp) {
        for (String k : new String[] {"wording", "message", "msg"}) {
            String v = Json.text(resp, k);
            if (v == null) continue;
            String l = v.toLowerCase(java.util.Locale.ROOT);
            if (l.contains("不支持的api") || l.contains("not supported") || l.contains("unsupported") || l.contains("api_not_found")
                    || l.contains("unknown action")) return true;
        }
        return false;
    }

    private static String reason(JsonObject resp, long retcode, String action) {
        for (String k : new String[] {"wording", "message", "msg"}) {
            String v = Json.text(resp, k);
            if (v != null && !v.isBlank()) return action + " failed: " + v + " (retcode " + retcode + ")";
        }
        return action + " failed with retcode " + retcode;
    }
}
