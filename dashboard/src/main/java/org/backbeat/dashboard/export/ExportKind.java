package org.backbeat.dashboard.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What can be exported; {@link #id()} is the name in {@code /api/export/<id>.csv}, the CLI and report definitions. */
public enum ExportKind {
    POSTS, SERIES, SHARE_OF_VOICE, TOPICS, TOP_POSTS, IMPACT,
    /** The alert history: one row per alert (fired or resolved). */
    ALERTS,
    /** The webhook delivery log: one row per attempt; it names subscriptions, so the route needs the admin token. */
    DELIVERIES;

    /** Whether an export of this kind over HTTP needs the admin token. */
    public boolean adminOnly() {
        return this == DELIVERIES;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<ExportKind> parse(String id) {
        return Arrays.stream(values()).filter(k -> k.id().equalsIgnoreCase(id == null ? "" : id.strip())).findFirst();
    }

    /** "posts, series, ...", for messages. */
    public static String choices() {
        return Arrays.stream(values()).map(ExportKind::id).collect(Collectors.joining(", "));
    }
}
