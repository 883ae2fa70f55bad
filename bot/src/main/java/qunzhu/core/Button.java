package qunzhu.core;

import java.nio.charset.StandardCharsets;

/**
 * An inline button. {@code data} comes back in {@link Event.ButtonPressed}; Telegram caps it
 * at 64 bytes, so we do too, everywhere. {@code keyword} is what a member types instead on
 * platforms without buttons (QQ).
 */
public record Button(String text, String data, String keyword) {
    public Button {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("button text must not be empty");
        if (data == null || data.isEmpty() || data.getBytes(StandardCharsets.UTF_8).length > 64) {
            throw new IllegalArgumentException("button data must be 1-64 bytes, got \"" + data + "\"");
        }
    }

    public Button(String text, String data) { this(text, data, null); }
}
