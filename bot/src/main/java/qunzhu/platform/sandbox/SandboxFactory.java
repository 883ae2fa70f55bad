package qunzhu.platform.sandbox;

import qunzhu.config.AccountConfig;
import qunzhu.config.ConfigNode;
import qunzhu.config.Persona;
import qunzhu.platform.Platform;
import qunzhu.platform.PlatformFactory;

/** Sandbox accounts: no settings beyond the persona; they all live in one hub. */
public final class SandboxFactory implements PlatformFactory {
    private final SandboxHub hub;

    public SandboxFactory(SandboxHub hub) { this.hub = hub; }

    @Override public String kind() { return SandboxHub.PLATFORM; }

    @Override public Object parse(ConfigNode account) { return null; }

    @Override public Platform create(AccountConfig account, Context ctx) {
        Persona p = account.personaId() == null ? null : ctx.config().personas().get(account.personaId());
        return new SandboxAccount(account.id(), p == null ? account.id() : p.name(), hub);
    }
}
