package org.backbeat.dashboard.impact;

import java.util.Locale;

/**
 * What a mean counts: every post ({@link #POSTS}, "what was seen", the default) or every distinct text once
 * ({@link #TEXTS}, "what was said": each text contributes the mean of its copies' scores in the period, once).
 */
public enum Weight {
    POSTS, TEXTS;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code posts} or {@code texts} (any case); null or blank gives {@link #POSTS}. */
    public static Weight parse(String value) {
        if (value == null || value.isBlank()) {
            return POSTS;
        }
        for (Weight w : values()) {
            if (w.id().equalsIgnoreCase(value.strip())) {
                return w;
            }
        }
        throw new IllegalArgumentException("weight must be posts or texts, was '" + value + "'");
    }
}
