package org.backbeat.ingest.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.backbeat.core.Catalogue;

/**
 * Builds the sources of one {@code type} from their entry in the sources file ({@code config/sources.json}
 * by default): e.g. type {@code rss} builds one source per feed, type {@code twitter-search} one search.
 * Each implementation validates its settings and fails with a message naming the setting to fix.
 */
public interface SourceFactory {

    /** The {@code "type"} value of the sources-file entries this factory reads. */
    String type();

    /**
     * The sources described by {@code settings} (one entry of the sources file).
     *
     * @param catalogue the tracked entities: what to ask the source for and what to keep
     * @param secrets   credentials, read from the environment or files, never from the sources file
     * @throws IllegalArgumentException when a setting is missing or wrong, naming it
     */
    List<Source> create(JsonNode settings, Catalogue catalogue, Secrets secrets);
}
