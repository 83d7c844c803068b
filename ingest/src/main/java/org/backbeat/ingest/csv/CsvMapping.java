package org.backbeat.ingest.csv;

import java.nio.charset.Charset;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Which CSV columns make a post, and how to read them.
 *
 * @param sourceName   names the data set in post ids ({@code csv:<sourceName>:<id>}); letters, digits, {@code ._-}
 * @param textColumn   the post's text (required)
 * @param idColumn     the row's own id, or null to hash the row
 * @param timeColumn   publication time, or null when the file has none
 * @param timeFormat   a {@link java.time.format.DateTimeFormatter} pattern for the time column
 *                     ({@code yyyy-MM-dd HH:mm:ss Z}), or null for ISO-8601 or epoch seconds/milliseconds
 * @param zone         zone of times written without an offset
 * @param defaultTime  the time of rows without one (no time column, or an empty cell); null means the
 *                     import's start time
 * @param entityColumn the entity the row is about ({@code Post.declaredEntity}), or null
 * @param labelColumn  the row's sentiment label ({@code Post.declaredLabel}), kept as written, or null
 * @param authorColumn the author, or null
 * @param langColumn   the language code, or null to detect it
 * @param encoding     the file's encoding; a UTF-8 byte-order mark is skipped whatever this says
 */
public record CsvMapping(String sourceName, String textColumn, String idColumn, String timeColumn, String timeFormat,
                         ZoneId zone, Instant defaultTime, String entityColumn, String labelColumn, String authorColumn,
                         String langColumn, Charset encoding) {

    public CsvMapping {
        if (sourceName == null || !sourceName.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("--source-name must be letters, digits, '.', '_' or '-' (it goes into post ids), was '"
                    + sourceName + "'");
        }
        if (textColumn == null || textColumn.isBlank()) {
            throw new IllegalArgumentException("set --text-column: the column holding the post's text");
        }
        if (timeFormat != null && timeColumn == null) {
            throw new IllegalArgumentException("--time-format needs --time-column");
        }
        if (zone == null || encoding == null) {
            throw new IllegalArgumentException("zone and encoding must be set");
        }
    }

    /** The columns this mapping reads, each once, for checking them against the header. */
    List<String> columns() {
        List<String> columns = new ArrayList<>();
        for (String c : new String[] {textColumn, idColumn, timeColumn, entityColumn, labelColumn, authorColumn, langColumn}) {
            if (c != null && !columns.contains(c)) {
                columns.add(c);
            }
        }
        return columns;
    }
}
