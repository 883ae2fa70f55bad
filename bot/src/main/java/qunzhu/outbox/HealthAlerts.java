package qunzhu.outbox;

import java.time.Clock;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qunzhu.config.BotConfig;
import qunzhu.config.ChatMoves;
import qunzhu.config.GroupConfig;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.PersonaRole;
import qunzhu.feature.Accounts;
import qunzhu.persona.AccountHealth;
import qunzhu.platform.Platform;
import qunzhu.text.Texts;
import qunzhu.text.TimeWords;

/**
 * Each change of an account's health in a chat is logged (INFO, once per change); a new
 * incident is also told to the operators in the log chat, once, by the reporter persona (the
 * host when there is none): which account, where, why, who speaks instead, when it is tried
 * again. The account's recovery is logged only.
 */
public final class HealthAlerts implements java.util.function.Consumer<AccountHealth.Change> {
    private static final Logger log = LoggerFactory.getLogger(HealthAlerts.class);

    private final BotConfig config;
    private final Supplier<ChatMoves> moves;
    private final Texts texts;
    private final Accounts accounts;
    private final Outbox outbox;
    private final Clock clock;

    public HealthAlerts(BotConfig config, Supplier<ChatMoves> moves, Texts texts, Accounts accounts, Outbox outbox, Clock clock) {
        this.config = config;
        this.moves = moves;
        this.texts = texts;
        this.accounts = accounts;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override public void accept(AccountHealth.Change c) {
        String state = c.to().state().name().toLowerCase(Locale.ROOT);
        if (c.to().state() == AccountHealth.State.OK) {
            log.info("account {} works in {} again (was {})", c.account(), c.chat(), c.from().state().name().toLowerCase(Locale.ROOT));
            return;
        }
        log.info("account {} in {}: {}{}", c.account(), c.chat(), state, c.to().until() == null ? "" : " until " + c.to().until());
        ChatRef logChat = config.logChat();
        if (!c.incident() || logChat == null || logChat.equals(c.chat())) return;
        GroupConfig logGroup = config.group(logChat, moves.get());
        String locale = logGroup != null ? logGroup.locale() : config.locale();
        GroupConfig g = config.group(c.chat(), moves.get());
        TimeWords words = new TimeWords(texts, config.zone());
        String until = c.to().until() == null ? "?" : words.at(c.to().until(), clock.instant(), locale);
        String why = texts.format(locale, "persona.why." + state, "until", until, "drops", c.to().drops());
        PersonaRole role = accounts.persona(c.account());
        String persona = role == null ? c.account() : speakerName(c.chat(), role);
        Platform sibling = role == null ? null : accounts.route(Action.Send.of(c.chat(), role, "?"));
        String retry = texts.format(locale, "persona.retry", "time", until);
        String group = g != null ? g.title() : c.chat().toString();
        String text = sibling != null && !sibling.id().equals(c.account())
                ? texts.format(locale, "persona.alert", "account", c.account(), "group", group, "why", why, "persona", persona,
                        "sibling", sibling.id(), "retry", retry)
                : texts.format(locale, "persona.alert_alone", "account", c.account(), "group", group, "why", why, "retry", retry);
        outbox.submit(Action.Send.of(logChat, PersonaRole.REPORTER, text));
    }

    private String speakerName(ChatRef chat, PersonaRole role) {
        qunzhu.config.Persona p = accounts.speaker(chat, role);
        return p == null ? role.name() : p.name();
    }
}
