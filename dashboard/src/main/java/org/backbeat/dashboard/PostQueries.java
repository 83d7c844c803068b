package org.backbeat.dashboard;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.FieldDateMath;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's questions to Elasticsearch. Uses only {@code terms}, {@code date_histogram} and {@code avg},
 * which every distribution has. Failures to reach the server become {@link SearchUnavailableException};
 * queries the server refuses because of their size become {@link QueryRejectedException}.
 */
public final class PostQueries {

    static final String PUBLISHED_AT = "publishedAt";
    static final String ENTITIES = "entities";
    static final String SCORE = "sentiment.score";

    private final ElasticsearchClient client;
    private final String index;

    public PostQueries(ElasticsearchClient client, String index) {
        this.client = client;
        this.index = index;
    }

    public PostQueries(PostIndex postIndex) {
        this(postIndex.client(), postIndex.alias());
    }

    /** One bucket of a time series; {@code meanScore} is null when the bucket is empty. */
    public record SeriesBucket(Instant time, long count, Double meanScore) {
    }

    /** Volume and mean sentiment of the posts about one entity; {@code meanScore} is null when there are none. */
    public record EntityStats(String entity, long count, Double meanScore) {
    }

    /**
     * Posts per interval and their mean sentiment score, oldest first. Empty buckets between the first and
     * last post (or across {@code range} when it is bounded) are included, so a chart shows silence as such.
     *
     * @param entity an entity id, or null for every post
     */
    public List<SeriesBucket> series(String entity, Interval interval, TimeRange range) {
        SearchResponse<Void> response = search("series", s -> s
                .index(index)
                .size(0)
                .query(filter(entity, range))
                .aggregations("over_time", a -> a
                        .dateHistogram(h -> {
                            h.field(PUBLISHED_AT).calendarInterval(calendar(interval)).minDocCount(0).timeZone("UTC");
                            if (range.from() != null && range.to() != null) {
                                h.extendedBounds(b -> b
                                        .min(FieldDateMath.of(f -> f.value((double) range.from().toEpochMilli())))
                                        .max(FieldDateMath.of(f -> f.value((double) range.to().toEpochMilli() - 1))));
                            }
                            return h;
                        })
                        .aggregations("mean", m -> m.avg(avg -> avg.field(SCORE)))));
        List<SeriesBucket> buckets = new ArrayList<>();
        for (DateHistogramBucket b : response.aggregations().get("over_time").dateHistogram().buckets().array()) {
            buckets.add(new SeriesBucket(Instant.ofEpochMilli(b.key()), b.docCount(), mean(b.docCount(), b.aggregations())));
        }
        return buckets;
    }

    /**
     * Count and mean score per entity, most-mentioned first, for at most {@code maxEntities} entities.
     */
    public Map<String, EntityStats> entitySummary(TimeRange range, int maxEntities) {
        SearchResponse<Void> response = search("entity summary", s -> s
                .index(index)
                .size(0)
                .query(filter(null, range))
                .aggregations("by_entity", a -> a
                        .terms(t -> t.field(ENTITIES).size(maxEntities))
                        .aggregations("mean", m -> m.avg(avg -> avg.field(SCORE)))));
        Map<String, EntityStats> stats = new LinkedHashMap<>();
        for (StringTermsBucket b : response.aggregations().get("by_entity").sterms().buckets().array()) {
            String id = b.key().stringValue();
            stats.put(id, new EntityStats(id, b.docCount(), mean(b.docCount(), b.aggregations())));
        }
        return stats;
    }

    /** How many posts are indexed. */
    public long count() {
        return count(null);
    }

    /** How many indexed posts are about {@code entity} (null: all). */
    public long count(String entity) {
        try {
            return client.count(c -> c.index(index).query(filter(entity, TimeRange.ALL))).count();
        } catch (ElasticsearchException e) {
            throw translate("count", e);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    /** The indexed document of a post, if there is one. */
    public Optional<PostDocument> find(String id) {
        try {
            var response = client.get(g -> g.index(index).id(id), PostDocument.class);
            return response.found() ? Optional.ofNullable(response.source()) : Optional.empty();
        } catch (ElasticsearchException e) {
            throw translate("get", e);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private SearchResponse<Void> search(String what,
            java.util.function.Function<co.elastic.clients.elasticsearch.core.SearchRequest.Builder,
                    co.elastic.clients.util.ObjectBuilder<co.elastic.clients.elasticsearch.core.SearchRequest>> request) {
        try {
            return client.search(request, Void.class);
        } catch (ElasticsearchException e) {
            throw translate(what, e);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private static Query filter(String entity, TimeRange range) {
        return Query.of(q -> q.bool(b -> {
            if (entity != null) {
                b.filter(f -> f.term(t -> t.field(ENTITIES).value(entity)));
            }
            if (range.isBounded()) {
                b.filter(f -> f.range(r -> r.date(d -> {
                    d.field(PUBLISHED_AT);
                    if (range.from() != null) {
                        d.gte(range.from().toString());
                    }
                    if (range.to() != null) {
                        d.lt(range.to().toString());
                    }
                    return d;
                })));
            }
            return b;
        }));
    }

    /** avg reports 0 for an empty bucket; the API says null, which a chart draws as a gap. */
    private static Double mean(long docCount, Map<String, Aggregate> aggregations) {
        return docCount == 0 ? null : aggregations.get("mean").avg().value();
    }

    private static CalendarInterval calendar(Interval interval) {
        return switch (interval) {
            case HOUR -> CalendarInterval.Hour;
            case DAY -> CalendarInterval.Day;
            case WEEK -> CalendarInterval.Week;
        };
    }

    private RuntimeException translate(String what, ElasticsearchException e) {
        if (hasType(e.error(), "too_many_buckets_exception")) {
            return new QueryRejectedException("the " + what + " query would make too many buckets: "
                    + "choose a coarser interval or a narrower from/to", e);
        }
        if (hasType(e.error(), "index_not_found_exception")) {
            return new SearchUnavailableException("Elasticsearch index '" + index + "' does not exist (yet): "
                    + "nothing has been indexed, or the indexer has not started", e);
        }
        return new SearchUnavailableException("Elasticsearch failed the " + what + " query: " + e.getMessage(), e);
    }

    private static boolean hasType(ErrorCause cause, String type) {
        if (cause == null) {
            return false;
        }
        if (type.equals(cause.type()) || cause.rootCause().stream().anyMatch(c -> hasType(c, type))) {
            return true;
        }
        return hasType(cause.causedBy(), type);
    }

    private static SearchUnavailableException unreachable(IOException e) {
        return new SearchUnavailableException("Elasticsearch is unreachable: " + e.getMessage(), e);
    }
}
