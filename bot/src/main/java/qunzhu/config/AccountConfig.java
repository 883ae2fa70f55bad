package qunzhu.config;

import qunzhu.core.PersonaRole;

/**
 * A bot account: its id, platform kind, the persona it speaks as ({@code personaId}, a key
 * under {@code personas:}, and that persona's role), its send budget, and the platform's own
 * settings parsed by that platform's factory (token, api_url, mode ...).
 */
public record AccountConfig(String id, String platform, PersonaRole persona, Object settings, String personaId, SendBudget budget) {
    public AccountConfig {
        if (personaId == null && persona != null) personaId = persona.name();
        if (budget == null) budget = SendBudget.defaults(platform);
    }

    public AccountConfig(String id, String platform, PersonaRole persona, Object settings) {
        this(id, platform, persona, settings, null, null);
    }

    public AccountConfig(String id, String platform, String persona, Object settings) {
        this(id, platform, PersonaRole.of(persona), settings);
    }

    @Override public String toString() {
        // settings may hold tokens: never print them
        return "AccountConfig[id=" + id + ", platform=" + platform + ", persona=" + personaId + "(" + persona + "), budget=" + budget + "]";
    }
}
