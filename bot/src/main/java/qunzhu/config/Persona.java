package qunzhu.config;

import java.util.List;
import java.util.Map;
import qunzhu.core.PersonaRole;

/**
 * One open bot identity, configured under {@code personas: <id>:}. It plays a {@link #role()}
 * (host, moderator, quizmaster, reporter, expert, or a custom one) that features ask for; its
 * {@link #voice()} replaces templates by key ({@code welcome.default: "..."}, same {name}
 * placeholders as the shipped ones) whenever it speaks; its {@link #signature()} is a line
 * appended to what it says. A {@link #locale()}, when set, is the language of its texts in
 * every group it speaks in (else the group's locale). {@link #fallback()}: the roles whose
 * accounts speak for it, in order, when no account of its own can in a chat; after them any
 * serving account.
 */
public record Persona(String id, PersonaRole role, String name, String locale, String signature,
                      Map<String, String> voice, List<PersonaRole> fallback) {
    public Persona {
        voice = voice == null ? Map.of() : Map.copyOf(voice);
        fallback = fallback == null ? List.of(PersonaRole.HOST) : List.copyOf(fallback);
    }

    /** A persona with no voice of its own, named for its role, falling back to the host. */
    public Persona(PersonaRole role, String name, String signature) {
        this(role.name(), role, name, null, signature, Map.of(), List.of(PersonaRole.HOST));
    }

    /** Its own version of template {@code key}, or null. */
    public String voiced(String key) { return voice.get(key); }
}
