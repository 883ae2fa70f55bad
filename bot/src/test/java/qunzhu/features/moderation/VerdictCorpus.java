package qunzhu.features.moderation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import qunzhu.config.Strategy;
import qunzhu.text.Normalizer;

/**
 * Generated messages (fixed seed) and what the filter engine decides about each, one line per
 * message: the verdict (rule, action, length), the number of messages of its incident and a hash of them, a hash of the
 * normalised text, and the normalised forms of the text for matching and answers. The messages
 * mix Chinese and ASCII, full-width forms, look-alike letters, combining marks, zero-width and
 * bidi characters, lone surrogates, emoji, numbered lists and 接龙, keyword, regex and ad hits,
 * links and invites, repeated texts (ad waves), bursts (floods) and times out of order.
 * {@code main} writes the file the engine's answers are compared with ({@link SameVerdictsTest}).
 */
final class VerdictCorpus {
    static final int MESSAGES = 12_000;
    static final String RESOURCE = "/qunzhu/features/moderation/verdicts.txt";

    private VerdictCorpus() {}

    private static final String[] PIECES = {
            "今天", "大家", "吃了", "什么", "周末", "一起", "爬山", "吗", "谢谢", "分享", "这个", "报错", "怎么", "解决",
            "hello", "Meeting", "at", "3pm", "Java", "17", "record", "NullPointerException", "ok", "lol", "A", "b", "c", "x",
            "badword3", "BADWORD7", "关键词12", "关键词149", "promo7123abc", "PROMO49000zz", "promo3", "spam", "ham", "xyzzy9",
            "加微信", "加 V Ｘ", "vx123456", "wx: abc_12345", "微信号 hello99", "企鹅 8765432", "qq群", "兼职", "dm me", "contact  me",
            "https://github.com/qunzhu", "example.com/x", "t.me/joinchat/abc", "t.me/+AbCd", "discord.gg/xyz", "www.a.io", "a.com.cn",
            "接龙", "#接龙", "1. alice", "2、bob", "3. carol", "\n", "\r\n", " ", "  ", "\t", "/votemute", "/report spam",
            "ＡＢＣ", "ｖｘ", "１２３", "！", "：", "，", "。", "、", "\u3000", "（", "）",
            "vх", "νx", "ѵх", "привет", "Ꮩx", "café", "cafe\u0301", "e\u0301\u0301\u0301", "\u0301", "\u0316\u0301",
            "\u200b", "\u200d", "\ufeff", "\u202e", "\u00ad", "\u034f", "\ufe0f", "\uD800", "\uDC00",
            "😀", "👍🏽", "🍎", "👨\u200d👩\u200d👧", "ﷺ", "ｶ", "ﬁ", "Ⅻ", "ß", "İ", "Σ", "ΣΑΣ", "ǅ",
            "加.微.信", "加-微-信", "加 微 信", "加🍎微信", "a d d  w e c h a t", "v x : a b c 1 2 3", "扫-码", "v1.2",
            "\u0000", "\u001f", "\u2028", "\u00a0", "\u2003", "\u180e", "\u3164", "ﾠ", "\uFFFD"
    };

    /** The rules of the corpus: like the benchmark's (150 keyword, 50 regex) plus regexes with no literal, an OFF rule and one with both. */
    static List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < 150; i++) rules.add(new Rule("kw" + i, List.of("关键词" + i, "badword" + i), null, Verdict.Kind.DELETE, null));
        for (int i = 0; i < 50; i++) rules.add(Engine.regexRule("re" + i, "promo" + i + "\\d{3}[a-z]+", Verdict.Kind.WARN));
        rules.add(Engine.regexRule("either", "spam|ham", Verdict.Kind.MUTE));
        rules.add(Engine.regexRule("digits", "\\d{7,}", Verdict.Kind.DELETE));
        rules.add(new Rule("off", List.of("hello"), null, Verdict.Kind.OFF, null));
        rules.add(new Rule("both", List.of("xyzzy"), Rule.compile("xyz+y\\d"), Verdict.Kind.BAN, Duration.ofHours(1)));
        return rules;
    }

    /** One line per message: what {@link Filters#check} decided and how the text normalises. */
    static List<String> lines() {
        Random rnd = new Random(20261201L);
        ModerationConfig policy = Engine.policy(Strategy.LAYERED, rules()).toBuilder()
                .links(new ModerationConfig.Links(Verdict.Kind.DELETE, List.of("github.com"))).build();
        long[] now = {Instant.parse("2026-11-24T02:00:00Z").toEpochMilli()};
        Windows windows = new Windows(() -> now[0], 1_000_000, Duration.ofSeconds(60));
        Filters filters = new Filters(windows, ZoneId.of("Asia/Shanghai"));
        RuleSet chatRules = RuleSet.of(List.of(new Rule("chat-kw", List.of("lol"), null, Verdict.Kind.WARN, null),
                Engine.regexRule("chat-re", "meeting\\s+at", Verdict.Kind.DELETE)));
        Filters.Extras extras = new Filters.Extras() {
            @Override public List<Rule> rules() { return chatRules; }
            @Override public Set<String> locks() { return Set.of("links"); }
            @Override public boolean allowedText(String normalised) { return normalised.equals("ok"); }
            @Override public boolean allowedRuleMember(String rule, String memberId) { return rule.equals("kw3") && memberId.equals("m1"); }
        };
        List<String> out = new ArrayList<>();
        List<String> recent = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            String text;
            int kind = rnd.nextInt(20);
            if (kind <= 1 && !recent.isEmpty()) text = recent.get(recent.size() - 1 - rnd.nextInt(Math.min(4, recent.size()))); // the same text again
            else if (kind == 4) text = list(rnd);
            else if (kind == 2) text = PIECES[rnd.nextInt(PIECES.length)].repeat(1 + rnd.nextInt(60)); // long runs (short enough for every regex to finish well within its time budget, even before the JIT)
            else text = message(rnd);
            recent.add(text);
            String chat = "sandbox:g" + rnd.nextInt(kind == 3 ? 2 : 4);
            String member = "m" + rnd.nextInt(rnd.nextBoolean() ? 3 : 40);
            int step = rnd.nextInt(200);
            now[0] += step < 10 ? -rnd.nextInt(5_000) : step < 12 ? 12_000 + rnd.nextInt(300_000) : rnd.nextInt(120);
            boolean trusted = rnd.nextInt(15) == 0;
            boolean media = rnd.nextInt(10) == 0;
            boolean channel = rnd.nextInt(25) == 0;
            Filters.Message m = new Filters.Message(chat, member, "x" + i, text, Instant.ofEpochMilli(now[0]), rnd.nextInt(8) == 0, media, channel, trusted);
            Filters.Decision d = filters.check(m, policy, rnd.nextInt(3) == 0 ? extras : Filters.Extras.NONE);
            StringBuilder line = new StringBuilder().append(i).append('\t');
            if (d == null) line.append('-');
            else {
                line.append(d.verdict().rule()).append('/').append(d.verdict().action()).append('/').append(d.verdict().length());
                line.append('\t').append(Integer.toHexString(d.normalised().hashCode())).append('\t');
                StringBuilder incident = new StringBuilder();
                for (Windows.Seen s : d.incident()) incident.append(s.chat()).append(',').append(s.member()).append(',').append(s.messageId()).append(',').append(s.at()).append(' ');
                line.append(d.incident().size()).append(':').append(Integer.toHexString(incident.toString().hashCode()));
            }
            line.append('\t').append(Integer.toHexString(Normalizer.forMatching(text).hashCode()))
                    .append('\t').append(Integer.toHexString(Normalizer.forJudging(text).hashCode()))
                    .append('\t').append(Integer.toHexString(Normalizer.forAnswer(text).hashCode())).append('\t').append(Chains.opens(text));
            out.add(line.toString());
        }
        return out;
    }

    private static String message(Random rnd) {
        StringBuilder b = new StringBuilder();
        for (int k = rnd.nextInt(6); k >= 0; k--) {
            b.append(PIECES[rnd.nextInt(PIECES.length)]);
            if (rnd.nextInt(3) == 0) b.append(' ');
        }
        if (rnd.nextBoolean()) b.append(' ').append(rnd.nextInt(1_000_000));
        return b.toString();
    }

    private static String list(Random rnd) {
        StringBuilder b = new StringBuilder(rnd.nextBoolean() ? "接龙 周六羽毛球\n" : "");
        for (int k = 1, n = 1 + rnd.nextInt(5); k <= n; k++) b.append(k).append(rnd.nextBoolean() ? ". " : "、").append(PIECES[rnd.nextInt(PIECES.length)]).append('\n');
        return b.toString();
    }

    /** Messages per line of the file: the file holds a hash of each block's lines, to stay small. */
    static final int BLOCK = 50;

    /** Each block of {@value #BLOCK} lines as "first message, SHA-256 of its lines (hex, first 16 digits)". */
    static List<String> blocks(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += BLOCK) {
            String block = String.join("\n", lines.subList(i, Math.min(lines.size(), i + BLOCK)));
            try {
                byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(block.getBytes(StandardCharsets.UTF_8));
                out.add(i + " " + java.util.HexFormat.of().formatHex(h, 0, 8));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /**
     * Writes the file {@link SameVerdictsTest} compares with ({@code VerdictCorpus bot/src/test/resources}),
     * or with a second argument the lines themselves to that file, for a diff between two commits.
     */
    public static void main(String[] args) throws IOException {
        if (args.length > 1) {
            Files.write(Path.of(args[1]), lines(), StandardCharsets.UTF_8);
            return;
        }
        Path file = Path.of(args[0] + RESOURCE);
        Files.createDirectories(file.getParent());
        Files.write(file, blocks(lines()), StandardCharsets.UTF_8);
        System.out.println("wrote " + file);
    }
}
