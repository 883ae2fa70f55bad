package qunzhu.platform.onebot;

import qunzhu.config.AccountConfig;
import qunzhu.config.ConfigNode;
import qunzhu.platform.Platform;
import qunzhu.platform.PlatformFactory;

/** QQ accounts through OneBot v11 (NapCat, Lagrange.OneBot, LLOneBot): one account per QQ number. */
public final class OneBotFactory implements PlatformFactory {
    public static final String KIND = "onebot";

    @Override public String kind() { return KIND; }

    @Override public Object parse(ConfigNode account) { return OneBotSettings.parse(account); }

    @Override public Platform create(AccountConfig account, Context ctx) {
        return new OneBotAccount(account.id(), (OneBotSettings) account.settings(), ctx.config(), ctx.clock(), ctx.threads(), ctx.texts());
    }
}
