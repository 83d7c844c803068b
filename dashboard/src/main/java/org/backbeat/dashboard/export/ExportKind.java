package org.backbeat.dashboard.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What can be exported; {@link #id()} is the name in {@code /api/export/<id>.csv}, the CLI and report definitions. */
public enum ExportKind {
    POSTS, SERIES, SHARE_OF_VOICE, TOPICS, TOP_POSTS, IMPACT;

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
