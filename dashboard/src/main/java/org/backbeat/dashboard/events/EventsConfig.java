package org.backbeat.dashboard.events;

import java.util.Locale;
import org.backbeat.core.Settings;

/**
 * Where events are kept.
 *
 * @param index    the Elasticsearch index of events ({@code events.index}, env {@code BACKBEAT_EVENTS_INDEX},
 *                 default {@value #DEFAULT_INDEX})
 * @param replicas {@code number_of_replicas} when the index is created ({@code es.replicas}, default 0: one node)
 */
public record EventsConfig(String index, int replicas) {

    public static final String INDEX = "events.index";
    public static final String REPLICAS = "es.replicas";
    public static final String DEFAULT_INDEX = "backbeat-events";

    public EventsConfig {
        if (index == null || index.isBlank() || !index.equals(index.toLowerCase(Locale.ROOT)) || index.startsWith("_") || index.contains(" ")) {
            throw new IllegalArgumentException("setting " + INDEX + " (env " + Settings.envName(INDEX)
                    + ") must be a lower-case Elasticsearch index name, was '" + index + "'");
        }
        if (replicas < 0) {
            throw new IllegalArgumentException("setting " + REPLICAS + " must not be negative, was " + replicas);
        }
    }

    public static EventsConfig defaults() {
        return new EventsConfig(DEFAULT_INDEX, 0);
    }

    public static EventsConfig from(Settings settings) {
        return new EventsConfig(settings.get(INDEX, DEFAULT_INDEX), settings.getInt(REPLICAS, 0));
    }
}
