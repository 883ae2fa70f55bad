package qunzhu.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import qunzhu.app.Wiring;
import qunzhu.config.BotConfig;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.PersonaRole;
import qunzhu.testkit.FakePlatform;
import qunzhu.testkit.TestBot;

/** Routing remembers a chat only while its persona speaks through another account than the first in line. */
class AccountsRoutesTest {
    final BotConfig config = Wiring.loader(k -> null).load(TestBot.SHIPPED_CONFIG);

    @Test void sendsToManyPrivateChatsThroughTheirOwnAccountLeaveNothingBehind() {
        Accounts accounts = new Accounts(config);
        FakePlatform host = FakePlatform.all("acc", "fake");
        accounts.add(host, PersonaRole.HOST);
        for (int i = 0; i < 1_000; i++) {
            ChatRef dm = new ChatRef("fake", "private:acc:u" + i);
            assertEquals(host, accounts.route(Action.Send.of(dm, "host", "hi")), "a private chat goes through the account it is held with");
        }
        assertEquals(0, accounts.routesKept(), "no route to remember: each went through the first in line");
    }
}
