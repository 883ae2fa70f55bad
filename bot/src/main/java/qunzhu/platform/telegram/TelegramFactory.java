package qunzhu.platform.telegram;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import qunzhu.config.AccountConfig;
import qunzhu.config.ConfigNode;
import qunzhu.platform.Platform;
import qunzhu.platform.PlatformFactory;

/** Telegram accounts: one bot token each, polling or webhook. */
public final class TelegramFactory implements PlatformFactory {
    public static final String KIND = "telegram";
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Pattern TOKEN = Pattern.compile("[^\\s/?#]+");

    private final Timing timing;

    public TelegramFactory() { this(Timing.DEFAULT); }

    /** With other poll pacing and backoff (tests shorten them). */
    TelegramFactory(Timing timing) { this.timing = timing; }

    @Override public String kind() { return KIND; }

    @Override
    public Object parse(ConfigNode a) {
        String token = a.required("token");
        if (token != null && !TOKEN.matcher(token).matches()) {
            // Never echo the value: it may be a real token with a typo.
            a.child("token").error("does not look like a bot token: it must not contain spaces or slashes (BotFather gives 123456:ABC-def...; usually ${TELEGRAM_TOKEN})");
        }
        String apiUrl = a.string("api_url", "https://api.telegram.org");
        if (apiUrl != null) {
            apiUrl = apiUrl.replaceAll("/+$", "");
            if (!apiUrl.startsWith("http://") && !apiUrl.startsWith("https://")) {
                a.child("api_url").error("expected an http(s) URL like https://api.telegram.org, got \"" + apiUrl + "\"");
            }
        }
        String mode = a.choice("mode", "polling", List.of("polling", "webhook"));
        Duration pollTimeout = a.duration("poll_timeout", Duration.ofSeconds(50));
        if (pollTimeout.isNegative() || pollTimeout.compareTo(Duration.ofSeconds(300)) > 0) {
            a.child("poll_timeout").error("must be between 0s and 300s, got " + pollTimeout.toSeconds() + "s");
            pollTimeout = Duration.ofSeconds(50);
        }
        TelegramSettings.Webhook webhook = null;
        if (a.has("webhook") || "webhook".equals(mode)) {
            // Validated even in polling mode, so switching modes later holds no surprise.
            ConfigNode w = a.section("webhook");
            TelegramSettings.Webhook parsed = parseWebhook(w);
            w.done();
            if ("webhook".equals(mode)) webhook = parsed;
        }
        if (token == null) return null;
        return new TelegramSettings(token, apiUrl, "webhook".equals(mode) ? TelegramSettings.Mode.WEBHOOK : TelegramSettings.Mode.POLLING,
                pollTimeout, webhook);
    }

    private static TelegramSettings.Webhook parseWebhook(ConfigNode w) {
        ConfigNode.HostPort listen = w.hostPort("listen", new ConfigNode.HostPort("0.0.0.0", 8443));
        String host = listen.host();
        int port = listen.port();
        String publicUrl = w.required("public_url");
        String defaultPath = "/telegram";
        if (publicUrl != null) {
            try {
                URI u = URI.create(publicUrl);
                if (!"https".equals(u.getScheme())) w.child("public_url").error("Telegram only posts to https URLs, got \"" + publicUrl + "\"");
                if (u.getPath() != null && !u.getPath().isEmpty()) defaultPath = u.getPath();
            } catch (IllegalArgumentException e) {
                w.child("public_url").error("not a URL: \"" + publicUrl + "\"");
            }
        }
        String path = w.string("path", defaultPath);
        if (path != null && !path.startsWith("/")) {
            w.child("path").error("must start with /, got \"" + path + "\"");
        }
        String secret = w.required("secret");
        if (secret != null && !SECRET.matcher(secret).matches()) {
            w.child("secret").error("must be 1-256 characters of A-Z a-z 0-9 _ - (Telegram's rule for secret_token); got "
                    + secret.length() + " characters");
        }
        return new TelegramSettings.Webhook(host, port, path, publicUrl, secret);
    }

    @Override
    public Platform create(AccountConfig account, Context ctx) {
        TelegramSettings s = (TelegramSettings) account.settings();
        return new TelegramAccount(account.id(), s, ctx.clock(), ctx.kv(), timing, ctx.threads());
    }

    /**
     * How often to poll at most, and how to back off after errors. The minimum interval keeps
     * a server that answers getUpdates instantly from making the bot spin.
     */
    record Timing(Duration minPollInterval, Duration backoffBase, Duration backoffCap) {
        static final Timing DEFAULT = new Timing(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(45));
    }
}
