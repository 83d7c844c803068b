package org.backbeat.alerts.webhook.payload;

import java.net.URI;
import java.util.Locale;
import org.backbeat.core.Alert;

/** Small text helpers shared by the chat formats. */
final class Texts {

    private Texts() {
    }

    /** At most {@code max} characters (code points kept whole), with an ellipsis when cut; line breaks become spaces. */
    static String oneLine(String text, int max) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("\\s+", " ").strip();
        if (flat.codePointCount(0, flat.length()) <= max) {
            return flat;
        }
        return flat.substring(0, flat.offsetByCodePoints(0, max - 1)) + "…";
    }

    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + "…";
    }

    /** A number for people: whole numbers without decimals, else up to three significant decimals. */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.1f" : "%.3f", value)
                .replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** Only http(s) links are rendered as links; anything else (javascript:, data:) is shown as text or dropped. */
    static boolean isWebLink(String url) {
        if (url == null) {
            return false;
        }
        try {
            String scheme = URI.create(url).getScheme();
            return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String title(Alert alert) {
        String state = alert.state() == Alert.State.RESOLVED ? "Resolved" : "Firing";
        String rule = alert.ruleName() == null || alert.ruleName().isBlank() ? alert.ruleId() : alert.ruleName();
        return state + ": " + rule;
    }

    static String kind(Alert.Kind kind) {
        return switch (kind) {
            case VOLUME_SPIKE -> "volume spike";
            case SENTIMENT_DIP -> "sentiment dip";
            case SENTIMENT_RISE -> "sentiment rise";
            case TOPIC_BURST -> "topic burst";
        };
    }

    static String summary(Alert alert) {
        if (alert.summary() != null && !alert.summary().isBlank()) {
            return alert.summary();
        }
        return kind(alert.kind()) + " for " + alert.entity() + ": " + number(alert.observed()) + " vs "
                + number(alert.baselineMean()) + " ± " + number(alert.baselineStdDev());
    }

    static String test(Alert alert) {
        String score = "score " + number(alert.score());
        return alert.pValue() == null ? score : score + ", p = " + number(alert.pValue());
    }
}
