package qunzhu.features.moderation;

import java.time.format.DateTimeFormatter;
import qunzhu.feature.FeatureContext;

/** How a case reads in the group (/case) and in the operators' log chat. */
final class CaseText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private CaseText() {}

    static String format(FeatureContext ctx, CaseFile c, String group) {
        String actor = c.automatic() ? ctx.text("moderation.case_auto") : c.actorName();
        String text = ctx.text("moderation.case", "case", c.number(), "group", group, "action", ctx.text("moderation.kind." + c.action()),
                "target", c.targetName() == null ? "-" : c.targetName(), "actor", actor, "reason", c.reason(),
                "rule", c.rule() == null ? "-" : c.rule(), "length", c.length() == null ? "-" : ctx.duration(c.length()),
                "time", TIME.format(c.at().atZone(ctx.zone())));
        if (c.evidence() != null && !c.evidence().isBlank()) text += "\n" + ctx.text("moderation.case_evidence", "evidence", clip(c.evidence()));
        if (c.undone()) text += "\n" + ctx.text("moderation.case_undone", "by", c.undoneBy());
        return text;
    }

    static String clip(String s) { return s.length() <= 200 ? s : s.substring(0, 200) + "…"; }
}
