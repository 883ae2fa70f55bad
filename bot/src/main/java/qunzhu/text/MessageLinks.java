package qunzhu.text;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import qunzhu.core.ChatRef;

/**
 * A link people can open to one message, where the platform has one: Telegram supergroups and
 * channels ({@code https://t.me/c/<id without -100>/<message>}, which opens for members of that
 * chat), and the sandbox page ({@code /?group=<id>#<message>}). Null elsewhere (QQ has no
 * message links; a basic Telegram group neither): callers then quote the message instead.
 */
public final class MessageLinks {
    private MessageLinks() {}

    /** The link, or null; {@code sandboxBase} is the sandbox page's address ("http://127.0.0.1:8787") or null. */
    public static String of(ChatRef chat, String messageId, String sandboxBase) {
        if (chat == null || messageId == null || !messageId.matches("[A-Za-z0-9_-]{1,64}")) return null;
        switch (chat.platform()) {
            case "telegram" -> {
                String id = chat.id();
                return id.startsWith("-100") && id.length() > 4 && id.substring(4).chars().allMatch(Character::isDigit)
                        ? "https://t.me/c/" + id.substring(4) + "/" + messageId : null;
            }
            case "sandbox" -> {
                return sandboxBase == null ? null
                        : sandboxBase + "/?group=" + URLEncoder.encode(chat.id(), StandardCharsets.UTF_8) + "#" + messageId;
            }
            default -> {
                return null;
            }
        }
    }
}
