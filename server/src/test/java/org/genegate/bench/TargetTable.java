package org.genegate.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The performance targets next to what one benchmark run measured: "target | measured | goal | ratio | met?". The
 * ratio is measured over goal for a ceiling (met when ≤ 1 for times and sizes, ≤ the factor for latency ratios),
 * and measured over goal for a floor (met when ≥ 1). Printing never fails the run.
 */
final class TargetTable {

    private record Row(String target, String measured, String goal, String ratio, String met) {
    }

    private final List<Row> rows = new ArrayList<>();

    /** A latency of {@code workload} that must stay within {@code factor} times the baseline's. */
    void latencyRatio(String target, double measuredMillis, double baselineMillis, double factor) {
        double ratio = measuredMillis / baselineMillis;
        rows.add(new Row(target, String.format("%.2f ms / %.2f ms", measuredMillis, baselineMillis),
                String.format("≤ %.1f ×", factor), String.format("%.2f ×", ratio), met(ratio <= factor)));
    }

    /** A figure that must be at least {@code goal}. */
    void atLeast(String target, double measured, double goal, String unit) {
        rows.add(new Row(target, String.format("%,.0f %s", measured, unit), String.format("≥ %,.0f %s", goal, unit),
                String.format("%.2f", measured / goal), met(measured >= goal)));
    }

    /** A figure that must be at most {@code goal}. */
    void atMost(String target, double measured, double goal, String unit) {
        rows.add(new Row(target, String.format("%,.1f %s", measured, unit), String.format("≤ %,.0f %s", goal, unit),
                String.format("%.2f", measured / goal), met(measured <= goal)));
    }

    /**
     * A figure that must not exceed a baseline's measured in the same run; both are shown with their detail, and the
     * ratio is measured over baseline (met when ≤ 1).
     */
    void notAbove(String target, double measured, String measuredText, double baseline, String baselineText,
                  String goal) {
        double ratio = measured / baseline;
        rows.add(new Row(target, measuredText + " / " + baselineText, goal, String.format("%.2f ×", ratio),
                met(ratio <= 1)));
    }

    /** A target this run did not measure, and why. */
    void notMeasured(String target, String goal, String why) {
        rows.add(new Row(target, why, goal, "-", "not measured"));
    }

    private static String met(boolean met) {
        return met ? "yes" : "NO";
    }

    String render() {
        String[] header = {"target", "measured", "goal", "ratio", "met?"};
        int[] widths = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            widths[i] = header[i].length();
        }
        for (Row row : rows) {
            String[] cells = cells(row);
            for (int i = 0; i < cells.length; i++) {
                widths[i] = Math.max(widths[i], cells[i].length());
            }
        }
        StringBuilder table = new StringBuilder();
        line(table, header, widths);
        String[] rule = new String[header.length];
        for (int i = 0; i < rule.length; i++) {
            rule[i] = "-".repeat(widths[i]);
        }
        line(table, rule, widths);
        rows.forEach(row -> line(table, cells(row), widths));
        return table.toString();
    }

    private static String[] cells(Row row) {
        return new String[] {row.target(), row.measured(), row.goal(), row.ratio(), row.met()};
    }

    private static void line(StringBuilder table, String[] cells, int[] widths) {
        for (int i = 0; i < cells.length; i++) {
            table.append(i == 0 ? "" : " | ").append(String.format("%-" + widths[i] + "s", cells[i]));
        }
        table.append(System.lineSeparator());
    }
}
