package org.backbeat.index.schema;

import java.util.Locale;
import java.util.Map;
import org.backbeat.core.Settings;

/**
 * Where the posts live in Elasticsearch: what the writer ({@code backbeat index}) and the readers
 * ({@code backbeat dashboard}) must agree on, so both read it from the same settings.
 *
 * @param index    read alias of the posts ({@code es.index}, default backbeat-posts); posts are written to monthly
 *                 indices {@code <index>-yyyy.MM} made from the template {@code <index>-template} (see {@link PostIndex})
 * @param replicas {@code number_of_replicas} of a newly created index ({@code es.replicas}, default 0: one node)
 * @param shards   {@code number_of_shards} of a newly created monthly index ({@code es.shards}, default 1); a month
 *                 already created keeps its count (docs/deployment.md#sizing says when to raise it)
 */
public record PostIndexConfig(String index, int replicas, int shards) {

    public static final String INDEX = "es.index";
    public static final String REPLICAS = "es.replicas";
    public static final String SHARDS = "es.shards";
    public static final String DEFAULT_INDEX = "backbeat-posts";

    public PostIndexConfig {
        if (index == null || index.isBlank()) {
            throw new IllegalArgumentException("setting " + INDEX + " (env " + Settings.envName(INDEX) + ") must not be blank");
        }
        if (!index.equals(index.toLowerCase(Locale.ROOT)) || index.startsWith("_") || index.contains(" ")) {
            throw new IllegalArgumentException("setting " + INDEX + " must be a lower-case Elasticsearch index name, was '" + index + "'");
        }
        if (replicas < 0) {
            throw new IllegalArgumentException("setting " + REPLICAS + " must not be negative, was " + replicas);
        }
        if (shards < 1) {
            throw new IllegalArgumentException("setting " + SHARDS + " (env " + Settings.envName(SHARDS) + ") must be at least 1, was " + shards);
        }
    }

    /** One shard per month. */
    public PostIndexConfig(String index, int replicas) {
        this(index, replicas, 1);
    }

    public static PostIndexConfig defaults() {
        return from(Settings.of(Map.of()));
    }

    public static PostIndexConfig from(Settings settings) {
        return new PostIndexConfig(settings.get(INDEX, DEFAULT_INDEX), settings.getInt(REPLICAS, 0), settings.getInt(SHARDS, 1));
    }

    public PostIndexConfig withIndex(String newIndex) {
        return new PostIndexConfig(newIndex, replicas, shards);
    }
}
