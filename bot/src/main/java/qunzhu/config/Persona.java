package qunzhu.config;

/** How a bot account presents itself: display name and the role it plays (host, moderator ...). */
public record Persona(String role, String name, String signature) {}
