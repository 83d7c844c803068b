package org.backbeat.core.metrics;

import java.util.List;

/** Reads samples out of a {@code /metrics} answer, for the tests that scrape a process. */
public final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * The value of the first sample of {@code name} whose labels contain each of {@code labels}
     * ({@code route="/api/series"}); fails naming what was looked for when there is none.
     */
    public static double sample(String text, String name, String... labels) {
        for (String line : text.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            int close = line.lastIndexOf('}');
            String labelPart = close < 0 ? "" : line.substring(name.length(), close + 1);
            if (List.of(labels).stream().allMatch(labelPart::contains)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no sample " + name + " with " + List.of(labels) + " in\n" + text);
    }
}
