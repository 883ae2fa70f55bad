package qunzhu.platform.onebot;

import com.google.gson.JsonObject;
import java.util.List;
import qunzhu.testkit.TestBot;

/** Config files and helpers for whole-bot tests over OneBot. */
final class OneBotTestConfig {
    static final String GROUP = "123456789";

    private OneBotTestConfig() {}

    static final String PERSONAS = """
            personas:
              host: {name: 小群}
              moderator: {name: 小管家}
              quizmaster: {name: 答题官}
              reporter: {name: 播报员}
            """;

    static final String GROUPS = """
            groups:
              qq:
                chat: onebot:123456789
                title: QQ 技术群
                strategy: laissez_faire       # no verification: the welcome comes at once
                welcome:
                  text: "欢迎 {name} 加入「{group}」！{rules_hint}"
                rules:
                  text: |
                    1. 友善交流。
                    2. 禁止广告 [含链接] & 拉群。
            """;

    static TestBot bot(String accounts) {
        return TestBot.builder().file("accounts.yml", PERSONAS + accounts).file("groups.yml", GROUPS).build();
    }

    static OneBotAccount account(TestBot bot, String id) { return (OneBotAccount) bot.bot().accounts().get(id); }

    static int activity(TestBot bot) {
        return (int) bot.db().count("SELECT COUNT(*) FROM activity WHERE platform = 'onebot'");
    }

    /** The text segments of every send_group_msg the fakes received, in order. */
    static List<String> sent(FakeOneBot... fakes) {
        List<String> out = new java.util.ArrayList<>();
        for (FakeOneBot f : fakes) {
            for (JsonObject a : f.actions("send_group_msg")) {
                StringBuilder s = new StringBuilder();
                for (var seg : a.getAsJsonObject("params").getAsJsonArray("message")) {
                    JsonObject o = seg.getAsJsonObject();
                    if (o.get("type").getAsString().equals("text")) s.append(o.getAsJsonObject("data").get("text").getAsString());
                }
                out.add(s.toString());
            }
        }
        return out;
    }
}
