package qunzhu.features.reports;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The digest's picture, drawn headless with XChart: members and active members per day over
 * the last 30 days above, messages per hour of the day below, one PNG.
 */
public final class Charts {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 360;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    /** Chart labels in the reader's language. */
    public record Labels(String title, String members, String active, String hours) {}

    /** Members and active members per day, summed over the report's groups, in day order. */
    public static Map<String, long[]> perDay(List<Report.DayLine> lines) {
        Map<String, long[]> out = new java.util.TreeMap<>();
        for (Report.DayLine d : lines) {
            long[] v = out.computeIfAbsent(d.day(), k -> new long[2]);
            v[0] += d.membersEnd();
            v[1] += d.active();
        }
        return out;
    }

    /** The digest's chart for {@code r}: its scope's 30 days up to the report's end, and the report's hours. */
    public static byte[] forReport(ReportBuilder b, Report r, Digest.Words words) {
        String scope = r.scope().kind() == Scope.Kind.ALL ? words.text("reports.scope_all") : r.title();
        return png(perDay(b.daysBefore(r, ReportBuilder.CHART_DAYS)), r.now().hours(), labels(scope, words));
    }

    /** The chart's labels for {@code scope} (its title) in {@code words}' language. */
    static Labels labels(String scope, Digest.Words words) {
        return new Labels(scope, words.text("reports.chart_members"), words.text("reports.chart_active"), words.text("reports.chart_hours"));
    }

    public static byte[] png(Map<String, long[]> days, long[] hours, Labels labels) {
        BufferedImage top = BitmapEncoder.getBufferedImage(trend(days, labels));
        BufferedImage bottom = BitmapEncoder.getBufferedImage(hours(hours, labels));
        BufferedImage both = new BufferedImage(WIDTH, HEIGHT * 2, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT * 2);
        g.drawImage(top, 0, 0, null);
        g.drawImage(bottom, 0, HEIGHT, null);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(both, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static XYChart trend(Map<String, long[]> days, Labels labels) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(labels.title()).xAxisTitle("").yAxisTitle("").build();
        style(c.getStyler());
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setMarkerSize(4);
        List<Double> x = new ArrayList<>();
        List<Double> members = new ArrayList<>();
        List<Double> active = new ArrayList<>();
        Map<Double, Object> ticks = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, long[]> e : days.entrySet()) {
            x.add((double) i);
            members.add((double) e.getValue()[0]);
            active.add((double) e.getValue()[1]);
            ticks.put((double) i, e.getKey().substring(5));
            i++;
        }
        if (x.isEmpty()) {
            x.add(0.0);
            members.add(0.0);
            active.add(0.0);
        }
        c.addSeries(labels.members(), x, members).setLineColor(new Color(0x2F6FDB));
        c.addSeries(labels.active(), x, active).setLineColor(new Color(0xE0802B));
        c.setCustomXAxisTickLabelsFormatter(v -> String.valueOf(ticks.getOrDefault((double) Math.round(v), "")));
        return c;
    }

    private static CategoryChart hours(long[] hours, Labels labels) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(labels.hours()).xAxisTitle("").yAxisTitle("").build();
        style(c.getStyler());
        c.getStyler().setLegendVisible(false);
        List<String> x = new ArrayList<>();
        List<Long> y = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            x.add(h < 10 ? "0" + h : Integer.toString(h));
            y.add(hours[h]);
        }
        c.addSeries(labels.hours(), x, y).setFillColor(new Color(0x3BA776));
        return c;
    }

    private static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setChartTitleBoxVisible(false);
        s.setAntiAlias(true);
        java.awt.Font font = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 13);
        s.setChartTitleFont(font.deriveFont(java.awt.Font.BOLD, 15f));
        s.setLegendFont(font);
        s.setBaseFont(font);
    }
}
