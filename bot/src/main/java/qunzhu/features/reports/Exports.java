package qunzhu.features.reports;

import com.google.gson.GsonBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A report written out for people and tools: Markdown (the digest text and each group's
 * days), CSV (one row per group per day, UTF-8 with a byte order mark so Excel reads Chinese),
 * self-contained HTML (the chart embedded as a data: URI, no server needed) and JSON.
 */
public final class Exports {
    public enum Format { MD, CSV, HTML, JSON }

    private Exports() {}

    public static byte[] write(Format f, Report r, String digest, byte[] chartPng) {
        return switch (f) {
            case MD -> markdown(r, digest).getBytes(StandardCharsets.UTF_8);
            case CSV -> csv(r);
            case HTML -> html(r, digest, chartPng).getBytes(StandardCharsets.UTF_8);
            case JSON -> new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
                    .registerTypeAdapter(java.time.LocalDate.class, (com.google.gson.JsonSerializer<java.time.LocalDate>) (d, t, c) -> new com.google.gson.JsonPrimitive(d.toString()))
                    .create().toJson(r).getBytes(StandardCharsets.UTF_8);
        };
    }

    static final String CSV_HEADER = "day,group,members_end,joins,leaves,net,messages,replies,active_members";

    static byte[] csv(Report r) {
        StringBuilder sb = new StringBuilder("\uFEFF").append(CSV_HEADER).append("\r\n");
        for (Report.DayLine d : r.days()) {
            sb.append(d.day()).append(',').append(cell(d.group())).append(',').append(d.membersEnd()).append(',').append(d.joins()).append(',')
                    .append(d.leaves()).append(',').append(d.joins() - d.leaves()).append(',').append(d.messages()).append(',')
                    .append(d.replies()).append(',').append(d.active()).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String cell(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    static String markdown(Report r, String digest) {
        StringBuilder sb = new StringBuilder();
        sb.append("```\n").append(digest).append("\n```\n\n");
        sb.append("| day | group | members | joins | leaves | messages | replies | active |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Report.DayLine d : r.days()) {
            sb.append("| ").append(d.day()).append(" | ").append(d.group().replace("|", "\\|")).append(" | ").append(d.membersEnd()).append(" | ")
                    .append(d.joins()).append(" | ").append(d.leaves()).append(" | ").append(d.messages()).append(" | ")
                    .append(d.replies()).append(" | ").append(d.active()).append(" |\n");
        }
        return sb.toString();
    }

    static String html(Report r, String digest, byte[] png) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>").append(esc(r.period().label()))
                .append("</title>\n<style>body{font-family:sans-serif;max-width:960px;margin:2em auto;padding:0 1em}"
                        + "pre{white-space:pre-wrap;background:#f6f8fa;padding:1em}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}td:nth-child(-n+2){text-align:left}</style></head>\n<body>\n");
        sb.append("<pre>").append(esc(digest)).append("</pre>\n");
        if (png != null) sb.append("<img alt=\"chart\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png)).append("\">\n");
        sb.append("<table>\n<tr><th>day</th><th>group</th><th>members</th><th>joins</th><th>leaves</th><th>messages</th><th>replies</th><th>active</th></tr>\n");
        for (Report.DayLine d : r.days()) {
            sb.append("<tr><td>").append(d.day()).append("</td><td>").append(esc(d.group())).append("</td><td>").append(d.membersEnd())
                    .append("</td><td>").append(d.joins()).append("</td><td>").append(d.leaves()).append("</td><td>").append(d.messages())
                    .append("</td><td>").append(d.replies()).append("</td><td>").append(d.active()).append("</td></tr>\n");
        }
        return sb.append("</table>\n</body></html>\n").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
