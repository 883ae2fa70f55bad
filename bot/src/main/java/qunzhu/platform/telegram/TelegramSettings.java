package qunzhu.platform.telegram;

import java.time.Duration;

/**
 * The keys of one {@code accounts:} entry with {@code platform: telegram}. The token is a
 * secret: {@link #toString()} leaves it out, and so must every log line.
 *
 * @param apiUrl  base URL without a trailing slash: https://api.telegram.org, a local Bot API
 *                server, or a test fake
 * @param webhook null in polling mode
 */
public record TelegramSettings(String token, String apiUrl, Mode mode, Duration pollTimeout, Webhook webhook) {
    public enum Mode { POLLING, WEBHOOK }

    /**
     * Webhook mode: the local listener ({@code host:port} + {@code path}), the public HTTPS
     * URL Telegram posts to, and the shared secret checked on every request.
     */
    public record Webhook(String host, int port, String path, String publicUrl, String secret) {
        @Override public String toString() {
            return "Webhook[listen=" + host + ":" + port + ", path=" + path + ", public_url=" + publicUrl + "]";
        }
    }

    @Override public String toString() {
        return "TelegramSettings[api_url=" + apiUrl + ", mode=" + mode + ", poll_timeout=" + pollTimeout + ", webhook=" + webhook + "]";
    }
}
