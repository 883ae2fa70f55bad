package qunzhu.persona;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import qunzhu.features.welcome.WelcomeFeature;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;

/** The same event, a newcomer admitted, answered by two host personas in their own voices. */
class PersonaVoiceTest {
    final TestBot bot = TestBot.with(new WelcomeFeature())
            .file("accounts.yml", """
                    personas:
                      xiaoqun:
                        role: host
                        name: 小群
                        voice:
                          welcome.default: "🎉 {name} 来啦！欢迎加入「{group}」～"
                        signature: "—— 小群 · 群助手"
                      lily:
                        role: host
                        name: Lily
                        locale: en
                        voice:
                          welcome.default: "Hey {name}, glad you found {group}! {rules_hint}"
                      plain:
                        role: host
                        name: 阿平
                        signature: "（阿平）"
                    accounts:
                      - {id: qun-a, platform: sandbox, persona: xiaoqun}
                      - {id: qun-b, platform: sandbox, persona: lily}
                      - {id: qun-c, platform: sandbox, persona: plain}
                    """)
            .yaml("""
                    groups:
                      tech: {chat: sandbox:tech, title: 技术交流群, accounts: [qun-a]}
                      family: {chat: sandbox:family, title: 家庭群, accounts: [qun-b]}
                      ops2: {chat: sandbox:ops2, title: 运营二群, accounts: [qun-c]}
                    """).build();

    @AfterEach void stop() { bot.close(); }

    private static SandboxHub.Entry last(List<SandboxHub.Entry> said) { return said.get(said.size() - 1); }

    @Test void oneNewcomerIsWelcomedInEachHostPersonasVoice() {
        FakeGroup techGroup = bot.group("tech");
        FakeGroup familyGroup = bot.group("family");
        techGroup.join("dave");
        familyGroup.join("dave");
        SandboxHub.Entry tech = last(techGroup.botSaid());
        SandboxHub.Entry family = last(familyGroup.botSaid());
        assertEquals("🎉 dave 来啦！欢迎加入「技术交流群」～\n—— 小群 · 群助手", tech.text(), "xiaoqun's voice and signature");
        assertEquals("小群", tech.authorName());
        // Lily speaks English (her locale) in a zh-CN group: her rules hint comes from the en templates.
        assertEquals("Hey dave, glad you found 家庭群! Send /rules to read the rules.", family.text(), "lily's voice, no signature");
        assertEquals("Lily", family.authorName());
    }

    @Test void aPersonaWithoutAVoiceSaysTheTemplateAndSigns() {
        FakeGroup ops2 = bot.group("ops2");
        ops2.join("dave");
        SandboxHub.Entry said = last(ops2.botSaid());
        assertEquals(true, said.text().endsWith("\n（阿平）"), said.text());
        assertEquals(true, said.text().contains("dave"), said.text());
    }
}
