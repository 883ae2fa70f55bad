package qunzhu.config;

import qunzhu.core.PersonaRole;

/** How a bot account presents itself: display name and the role it plays (host, moderator ...). */
public record Persona(PersonaRole role, String name, String signature) {}
