package qunzhu.features.moderation;

import java.util.List;
import qunzhu.text.Normalizer;

/**
 * The shipped list of typical ad and lure phrases (rule name "ads"). Matched after
 * {@link Normalizer#forMatching}, so "加 V Ｘ" and zero-width tricks are caught too.
 */
final class AdPatterns {
    private AdPatterns() {}

    static final List<String> KEYWORDS = List.of(
            "加微信", "加我微信", "加v", "加我v", "加vx", "加wx", "加qq", "加我qq", "薇信", "v信", "威信", "微信号", "qq群",
            "扫码", "二维码",
            "兼职", "刷单", "日结", "私聊我", "私信我", "免费领取", "代理招募", "招代理", "网赚", "躺赚", "稳赚",
            "contact me", "dm me", "message me on telegram", "whatsapp me", "earn money fast", "work from home and earn");

    /**
     * A contact handle after vx/wx/微信/qq/企鹅, with or without a colon. The handle must hold a
     * digit within its first 33 characters, so words like "wxwidgets" or "qqplot" are not taken
     * for one (WeChat ids are at most 20 characters).
     *
     * <p>Linear on any text: a word start is "no ASCII letter, digit, _ or - before" (one read;
     * Java's {@code \b} looks back over every combining mark before it, and "vx-vx-vx-..." would
     * start a handle look-ahead every three characters), the spaces are possessive, and the digit
     * look-ahead reads at most 33 characters. So "我的vx123456" is caught, "abc-vx123456" is not.
     */
    static final String REGEX = "(?:(?<![a-z0-9_-])(?:vx|wx|v信|qq)|微信|企鹅)\\s*+(?:号\\s*+)?(?:[:：]\\s*+)?(?=[a-z_-]{0,32}+\\d)[a-z0-9_-]{5,}+";

    /** The words a handle follows in {@link #REGEX}: it cannot match a text without one. */
    static final List<String> HANDLE_WORDS = List.of("vx", "wx", "v信", "qq", "微信", "企鹅");

    static Rule rule(Verdict.Kind action, java.time.Duration length) {
        List<String> normalised = KEYWORDS.stream().map(Normalizer::forMatching).toList();
        return new Rule("ads", normalised, Rule.compile(REGEX), action, length);
    }
}
