package org.backbeat.dashboard;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.ExtendedStatsAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.FieldDateMath;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.aggregations.TermsAggregationCollectMode;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.util.ObjectBuilder;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.backbeat.core.SentimentLabel;
import org.backbeat.dashboard.impact.DailyScores;
import org.backbeat.dashboard.impact.ScoreSums;
import org.backbeat.index.schema.PostDocument;
import org.backbeat.index.schema.PostFields;
import org.backbeat.index.schema.PostIndex;
import org.backbeat.index.schema.SearchUnavailableException;

/**
 * The dashboard's questions to Elasticsearch, through the read alias. Uses only {@code terms},
 * {@code date_histogram}, {@code filter}, {@code nested} and {@code extended_stats}, which every distribution has.
 * With an entity, sentiment is read from the nested {@code entitySentiments} entry of that entity (targeted when
 * the NLP stage gave one, else the post's); without, from the post's {@code sentiment}. Unscored posts count in
 * volume, never in means. Failures to reach the server become {@link SearchUnavailableException}; queries the
 * server refuses because of their size become {@link QueryRejectedException}.
 */
public final class PostQueries {

    /**
     * Precision of the distinct-text and distinct-author counts (Elasticsearch's {@code cardinality}): near-exact up to
     * this many distinct values per bucket, within a few percent above. 40,000 (the most) made a year of daily
     * buckets 1.3x slower and an hourly week 3x slower (200,000 posts, docs/benchmarks-dashboard.md), a price paid on
     * every request for precision that matters only in buckets of more than 3,000 distinct texts.
     */
    static final int DISTINCT_PRECISION = 3_000;

    // the schema's field names (PostFields), under the short names these queries use
    static final String PUBLISHED_AT = PostFields.PUBLISHED_AT;
    static final String ENTITIES = PostFields.ENTITIES;
    static final String TOPICS = PostFields.TOPICS;
    static final String SCORE = PostFields.SCORE;
    static final String LABEL = PostFields.LABEL;
    static final String NESTED = PostFields.NESTED;
    static final String NESTED_ENTITY = PostFields.NESTED_ENTITY;
    static final String NESTED_SCORE = PostFields.NESTED_SCORE;
    static final String NESTED_LABEL = PostFields.NESTED_LABEL;
    static final String NESTED_PUBLISHED_AT = PostFields.NESTED_PUBLISHED_AT;
    static final String ENGAGEMENT_TOTAL = PostFields.ENGAGEMENT_TOTAL;
    /** Elasticsearch's default {@code index.max_result_window}: the most one search page can hold. */
    static final int MAX_PAGE = 10_000;

    private final ElasticsearchClient client;
    private final String index;

    public PostQueries(ElasticsearchClient client, String index) {
        this.client = client;
        this.index = index;
    }

    public PostQueries(PostIndex postIndex) {
        this(postIndex.client(), postIndex.alias());
    }

    /** The client, for readers that stream rather than ask (the CSV export). */
    public ElasticsearchClient client() {
        return client;
    }

    /** The read alias the questions go to. */
    public String index() {
        return index;
    }

    /**
     * One bucket of a time series: {@code count} posts (scored or not), how many distinct texts ({@code distinctTexts},
     * copies of one text counted once) and distinct authors they have, and the sentiment of the scored ones under the
     * series' {@link Weight}: {@code scoredTexts} distinct texts among the scored posts, the mean with its 95% interval
     * clustered by text, and the label shares of the scored posts (always by posts; {@code labels} holds the counts).
     * {@code meanScore} (and the interval and shares) are null when no post in the bucket was scored. Distinct counts
     * are Elasticsearch {@code cardinality} with {@code precision_threshold} {@link #DISTINCT_PRECISION}: near-exact
     * below that many distinct values per bucket, within a few percent above.
     */
    public record SeriesBucket(Instant time, long count, long distinctTexts, long distinctAuthors, long scored,
                               long scoredTexts, Double meanScore, Double ciLow, Double ciHigh,
                               Double negative, Double neutral, Double positive, LabelCounts labels) {
    }

    /** How many scored posts carry each label. */
    public record LabelCounts(long negative, long neutral, long positive) {
        public static final LabelCounts NONE = new LabelCounts(0, 0, 0);

        public long total() {
            return negative + neutral + positive;
        }
    }

    /** Volume (posts and distinct texts) and sentiment of the posts about one entity. */
    public record EntityStats(String entity, long count, long distinctTexts, SentimentStats sentiment) {
        public Double meanScore() {
            return sentiment.mean();
        }
    }

    /** One topic of the posts asked about: how many, which share of them, and their sentiment. */
    public record TopicStats(String topic, long count, double share, SentimentStats sentiment) {
    }

    /** One post as a list shows it; {@code score}/{@code label} are towards the entity asked about, if any. */
    public record PostView(String id, Instant publishedAt, String source, String author, String headline, String text,
                           String url, String lang, Double score, SentimentLabel label, boolean targeted,
                           long engagement, List<String> entities, List<String> topics, String unscoredReason) {
    }

    /** A page of posts and how many match in all. */
    public record PostPage(long total, List<PostView> posts) {
    }

    /** How top posts are ranked. */
    public enum Ranking {
        NEGATIVE, POSITIVE, ENGAGED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One scored post's sentiment at its publication time, and its text cluster: what the impact's bootstrap reads. */
    public record Scored(Instant time, double score, String textCluster) {
    }

    /**
     * Posts per interval with the sentiment of the scored ones, oldest first. Empty buckets between the first and
     * last post (or across the filter's range when it is bounded) are included, so a chart shows silence as such.
     */
    public List<SeriesBucket> series(PostFilter filter, Interval interval) {
        return series(filter, interval, Weight.POSTS);
    }

    /** {@link #series(PostFilter, Interval)} with the mean weighted by posts or by distinct texts. */
    public List<SeriesBucket> series(PostFilter filter, Interval interval, Weight weight) {
        if (filter.entity() != null) {
            return entitySeries(filter, interval, weight);
        }
        int repeated = repeatedTextsPerBucket(filter.range(), interval);
        SearchResponse<Void> response = search("series", s -> s
                .index(index)
                .size(0)
                .query(filter.query())
                .aggregations(seriesAggregations(PUBLISHED_AT, SCORE, LABEL, filter.range(), interval,
                        textAggregations(repeated, Map.of("stats", Aggregation.of(a -> a.extendedStats(x -> x.field(SCORE))))))));
        return readSeries(response.aggregations(), weight, false);
    }

    /**
     * An entity's series, aggregated over the nested entries of that entity (each carries the post's time): one
     * nested aggregation at the top instead of one under every time bucket, several times faster on a year of
     * days. Each post has one entry per entity, so an entry count is a post count. The text cluster and author are
     * the post's: {@code reverse_nested} reaches them, and the repeated texts' scores are read back from the entity's
     * entries of their posts.
     */
    private List<SeriesBucket> entitySeries(PostFilter filter, Interval interval, Weight weight) {
        String entity = filter.entity();
        int repeated = repeatedTextsPerBucket(filter.range(), interval);
        Map<String, Aggregation> perText = Map.of("target", Aggregation.of(a -> a
                .nested(n -> n.path(NESTED))
                .aggregations("entity", e -> e
                        .filter(f -> f.term(t -> t.field(NESTED_ENTITY).value(entity)))
                        .aggregations("stats", x -> x.extendedStats(es -> es.field(NESTED_SCORE))))));
        Map<String, Aggregation> post = Map.of("post", Aggregation.of(a -> a
                .reverseNested(r -> r)
                .aggregations(textAggregations(repeated, perText))));
        SearchResponse<Void> response = search("series", s -> s
                .index(index)
                .size(0)
                .query(filter.query())
                .aggregations("target", a -> a
                        .nested(n -> n.path(NESTED))
                        .aggregations("entity", e -> e
                                .filter(f -> f.term(t -> t.field(NESTED_ENTITY).value(entity)))
                                .aggregations(seriesAggregations(NESTED_PUBLISHED_AT, NESTED_SCORE, NESTED_LABEL,
                                        filter.range(), interval, post)))));
        return readSeries(response.aggregations().get("target").nested().aggregations().get("entity").filter().aggregations(),
                weight, true);
    }

    /** Room in the response for the repeated texts of every bucket, within Elasticsearch's default max_buckets. */
    static int repeatedTextsPerBucket(TimeRange range, Interval interval) {
        long buckets = 400;
        if (range.from() != null && range.to() != null) {
            long step = switch (interval) {
                case HOUR -> 3_600_000L;
                case DAY -> 86_400_000L;
                case WEEK -> 7 * 86_400_000L;
            };
            buckets = Math.max(1, (range.to().toEpochMilli() - range.from().toEpochMilli()) / step + 1);
        }
        return (int) Math.max(10, Math.min(2_000, 30_000 / buckets));
    }

    /**
     * Distinct texts and authors, and the texts that occur at least twice (the largest {@code size}) with the
     * score statistics {@code perText} reads: what {@link Weight#mean} needs.
     */
    static Map<String, Aggregation> textAggregations(int size, Map<String, Aggregation> perText) {
        Map<String, Aggregation> aggs = new HashMap<>();
        aggs.put("texts", Aggregation.of(a -> a.cardinality(c -> c.field(PostFields.TEXT_CLUSTER).precisionThreshold(DISTINCT_PRECISION))));
        aggs.put("authors", Aggregation.of(a -> a.cardinality(c -> c.field(PostFields.AUTHOR).precisionThreshold(DISTINCT_PRECISION))));
        aggs.put("repeated", Aggregation.of(a -> a
                .terms(t -> t.field(PostFields.TEXT_CLUSTER).minDocCount(2).size(size))
                .aggregations(perText)));
        return aggs;
    }

    /** The repeated texts' score statistics under {@code repeated} (with {@code nested}: through the entity's entries). */
    static List<ClusteredMean.Cluster> repeatedClusters(Map<String, Aggregate> aggregations, boolean nested) {
        List<ClusteredMean.Cluster> clusters = new ArrayList<>();
        for (StringTermsBucket b : aggregations.get("repeated").sterms().buckets().array()) {
            ExtendedStatsAggregate stats = nested
                    ? b.aggregations().get("target").nested().aggregations().get("entity").filter().aggregations().get("stats").extendedStats()
                    : b.aggregations().get("stats").extendedStats();
            if (stats.count() > 0) {
                clusters.add(new ClusteredMean.Cluster(stats.count(), stats.sum(), stats.sumOfSquares()));
            }
        }
        return clusters;
    }

    /**
     * A date histogram with extended_stats of the score per bucket (and {@code perBucket}), and the label counts as a
     * separate terms(label) → date histogram: measured faster than a terms aggregation under each of hundreds of buckets.
     */
    private static Map<String, Aggregation> seriesAggregations(String timeField, String scoreField, String labelField,
                                                               TimeRange range, Interval interval,
                                                               Map<String, Aggregation> perBucket) {
        Map<String, Aggregation> aggs = new HashMap<>();
        Map<String, Aggregation> inBucket = new HashMap<>(perBucket);
        inBucket.put("stats", Aggregation.of(x -> x.extendedStats(es -> es.field(scoreField))));
        aggs.put("over_time", Aggregation.of(a -> a
                .dateHistogram(h -> histogram(h, timeField, range, interval))
                .aggregations(inBucket)));
        aggs.put("labels", Aggregation.of(a -> a
                .terms(t -> t.field(labelField).size(SentimentLabel.values().length))
                .aggregations("over_time", o -> o.dateHistogram(h -> h.field(timeField).calendarInterval(calendar(interval))
                        .minDocCount(1).timeZone("UTC")))));
        return aggs;
    }

    private static List<SeriesBucket> readSeries(Map<String, Aggregate> aggregations, Weight weight, boolean nested) {
        Map<String, Map<Long, Long>> labels = new HashMap<>();
        for (StringTermsBucket label : aggregations.get("labels").sterms().buckets().array()) {
            Map<Long, Long> counts = new HashMap<>();
            for (DateHistogramBucket b : label.aggregations().get("over_time").dateHistogram().buckets().array()) {
                counts.put(b.key(), b.docCount());
            }
            labels.put(label.key().stringValue(), counts);
        }
        List<SeriesBucket> buckets = new ArrayList<>();
        for (DateHistogramBucket b : aggregations.get("over_time").dateHistogram().buckets().array()) {
            ExtendedStatsAggregate stats = b.aggregations().get("stats").extendedStats();
            Map<String, Aggregate> texts = nested ? b.aggregations().get("post").reverseNested().aggregations() : b.aggregations();
            LabelCounts counts = new LabelCounts(
                    labels.getOrDefault(SentimentLabel.NEGATIVE.name(), Map.of()).getOrDefault(b.key(), 0L),
                    labels.getOrDefault(SentimentLabel.NEUTRAL.name(), Map.of()).getOrDefault(b.key(), 0L),
                    labels.getOrDefault(SentimentLabel.POSITIVE.name(), Map.of()).getOrDefault(b.key(), 0L));
            Weight.Mean mean = weight.mean(stats.count(), stats.sum(), stats.count() == 0 ? 0 : stats.sumOfSquares(),
                    repeatedClusters(texts, nested));
            long n = stats.count();
            buckets.add(new SeriesBucket(Instant.ofEpochMilli(b.key()), b.docCount(),
                    texts.get("texts").cardinality().value(), texts.get("authors").cardinality().value(), n, mean.texts(),
                    mean.mean(), mean.ciLow(), mean.ciHigh(),
                    n == 0 ? null : (double) counts.negative() / n, n == 0 ? null : (double) counts.neutral() / n,
                    n == 0 ? null : (double) counts.positive() / n, counts));
        }
        return buckets;
    }

    private static co.elastic.clients.elasticsearch._types.aggregations.DateHistogramAggregation.Builder histogram(
            co.elastic.clients.elasticsearch._types.aggregations.DateHistogramAggregation.Builder h, String field,
            TimeRange range, Interval interval) {
        h.field(field).calendarInterval(calendar(interval)).minDocCount(0).timeZone("UTC");
        if (range.from() != null && range.to() != null) {
            h.extendedBounds(b -> b
                    .min(FieldDateMath.of(f -> f.value((double) range.from().toEpochMilli())))
                    .max(FieldDateMath.of(f -> f.value((double) range.to().toEpochMilli() - 1))));
        }
        return h;
    }

    /** {@link #series(PostFilter, Interval)} of one entity (null: every post). */
    public List<SeriesBucket> series(String entity, Interval interval, TimeRange range) {
        return series(PostFilter.entity(entity, range), interval);
    }

    /**
     * Volume and sentiment per entity (the sentiment towards each), most-mentioned first, for at most
     * {@code maxEntities} entities. The filter's entity is ignored: every entity is counted.
     */
    public Map<String, EntityStats> entitySummary(PostFilter filter, int maxEntities) {
        SearchResponse<Void> response = search("entity summary", s -> s
                .index(index)
                .size(0)
                .query(filter.withEntity(null).query())
                .aggregations("mentions", a -> a
                        .nested(n -> n.path(NESTED))
                        .aggregations("by_entity", t -> t
                                .terms(tt -> tt.field(NESTED_ENTITY).size(maxEntities))
                                .aggregations(entityAggregations()))));
        Map<String, EntityStats> stats = new LinkedHashMap<>();
        for (StringTermsBucket b : response.aggregations().get("mentions").nested().aggregations().get("by_entity")
                .sterms().buckets().array()) {
            String id = b.key().stringValue();
            long texts = b.aggregations().get("post").reverseNested().aggregations().get("texts").cardinality().value();
            stats.put(id, new EntityStats(id, b.docCount(), texts, read(b.aggregations())));
        }
        return stats;
    }

    /** The sentiment towards an entity, and the distinct texts of its posts (through {@code reverse_nested}). */
    private static Map<String, Aggregation> entityAggregations() {
        Map<String, Aggregation> aggs = new HashMap<>(labelAndStats(NESTED_SCORE, NESTED_LABEL));
        aggs.put("post", Aggregation.of(a -> a.reverseNested(r -> r)
                .aggregations("texts", t -> t.cardinality(c -> c.field(PostFields.TEXT_CLUSTER).precisionThreshold(DISTINCT_PRECISION)))));
        return aggs;
    }

    public Map<String, EntityStats> entitySummary(TimeRange range, int maxEntities) {
        return entitySummary(PostFilter.ALL.withRange(range), maxEntities);
    }

    /** The most frequent topics of the posts asked about, with the sentiment (towards the entity, if one is given). */
    public List<TopicStats> topTopics(PostFilter filter, int size) {
        SearchResponse<Void> response = search("top topics", s -> s
                .index(index)
                .size(0)
                .trackTotalHits(t -> t.enabled(true))
                .query(filter.query())
                .aggregations("by_topic", a -> a
                        .terms(t -> t.field(TOPICS).size(size))
                        .aggregations(sentimentAggregations(filter.entity()))));
        long total = response.hits().total() == null ? 0 : response.hits().total().value();
        List<TopicStats> topics = new ArrayList<>();
        for (StringTermsBucket b : response.aggregations().get("by_topic").sterms().buckets().array()) {
            topics.add(new TopicStats(b.key().stringValue(), b.docCount(), total == 0 ? 0 : (double) b.docCount() / total,
                    sentiment(b.aggregations(), filter.entity())));
        }
        return topics;
    }

    /** The most negative, most positive or most engaged posts (only scored ones for the first two). */
    public List<PostView> topPosts(PostFilter filter, Ranking ranking, int size) {
        String entity = filter.entity();
        Query query = ranking == Ranking.ENGAGED ? filter.query() : scoredOnly(filter);
        SortOrder order = ranking == Ranking.POSITIVE ? SortOrder.Desc : SortOrder.Asc;
        SearchResponse<PostDocument> response = searchDocs("top posts", s -> {
            s.index(index).size(size).query(query);
            if (ranking == Ranking.ENGAGED) {
                s.sort(so -> so.field(f -> f.field(ENGAGEMENT_TOTAL).order(SortOrder.Desc)));
            } else if (entity == null) {
                s.sort(so -> so.field(f -> f.field(SCORE).order(order)));
            } else {
                s.sort(so -> so.field(f -> f.field(NESTED_SCORE).order(order)
                        .nested(n -> n.path(NESTED).filter(nf -> nf.term(t -> t.field(NESTED_ENTITY).value(entity))))));
            }
            return s.sort(so -> so.field(f -> f.field(PUBLISHED_AT).order(SortOrder.Desc)))
                    .sort(so -> so.field(f -> f.field(PostFields.ID).order(SortOrder.Asc)));
        });
        return views(response, entity);
    }

    /** The posts behind a chart point: those matching the filter, oldest first, at most {@code size}. */
    public PostPage posts(PostFilter filter, int size) {
        SearchResponse<PostDocument> response = searchDocs("posts", s -> s
                .index(index)
                .size(size)
                .trackTotalHits(t -> t.enabled(true))
                .query(filter.query())
                .sort(so -> so.field(f -> f.field(PUBLISHED_AT).order(SortOrder.Asc)))
                .sort(so -> so.field(f -> f.field(PostFields.ID).order(SortOrder.Asc))));
        long total = response.hits().total() == null ? 0 : response.hits().total().value();
        return new PostPage(total, views(response, filter.entity()));
    }

    /**
     * The filter's posts that have a score: towards the filter's entity (its nested entry has one) when there is an
     * entity, else the post's own. What the score-ranked top posts and {@link #scores} read.
     */
    private static Query scoredOnly(PostFilter filter) {
        String entity = filter.entity();
        Query hasScore = entity == null
                ? Query.of(q -> q.exists(e -> e.field(SCORE)))
                : Query.of(q -> q.nested(n -> n.path(NESTED).query(nq -> nq.bool(b -> b
                        .filter(f -> f.term(t -> t.field(NESTED_ENTITY).value(entity)))
                        .filter(f -> f.exists(e -> e.field(NESTED_SCORE)))))));
        return Query.of(q -> q.bool(b -> b.filter(filter.query()).filter(hasScore)));
    }

    /**
     * The scored posts matching the filter as (time, score) pairs, oldest first, with the score towards the
     * filter's entity when there is one; at most {@code max} (the newest beyond it are left out).
     */
    public List<Scored> scores(PostFilter filter, int max) {
        String entity = filter.entity();
        Query query = scoredOnly(filter);
        List<Scored> out = new ArrayList<>();
        List<FieldValue> after = null;
        while (out.size() < max) {
            int page = Math.min(MAX_PAGE, max - out.size());
            List<FieldValue> from = after;
            SearchResponse<ScoreSource> response = search("scores", s -> {
                s.index(index).size(page).query(query).trackTotalHits(t -> t.enabled(false))
                        .source(src -> src.filter(f -> f.includes(PUBLISHED_AT, SCORE, NESTED_ENTITY, NESTED_SCORE, PostFields.TEXT_CLUSTER)))
                        .sort(so -> so.field(f -> f.field(PUBLISHED_AT).order(SortOrder.Asc)))
                        .sort(so -> so.field(f -> f.field(PostFields.ID).order(SortOrder.Asc)));
                if (from != null) {
                    s.searchAfter(from);
                }
                return s;
            }, ScoreSource.class);
            List<Hit<ScoreSource>> hits = response.hits().hits();
            for (Hit<ScoreSource> hit : hits) {
                Double score = hit.source() == null ? null : hit.source().score(entity);
                if (score != null) {
                    out.add(new Scored(hit.source().publishedAt(), score, hit.source().textCluster()));
                }
            }
            if (hits.size() < page) {
                break;
            }
            after = hits.get(hits.size() - 1).sort();
        }
        return out;
    }

    /**
     * The filter's entity's scores summed per 24-hour day (days starting at {@code anchor}'s time of day), and per
     * day for each text cluster with at least two scored posts: what {@link org.backbeat.dashboard.impact.ImpactEstimator}
     * needs, in one search of aggregations instead of reading every post. At most {@code maxRepeatedTexts} repeated
     * texts (the most copied); a text split between two monthly indices with one copy in each is counted as two
     * single posts ({@code shard_min_doc_count: 2} keeps single posts from being aggregated per text).
     */
    public DailyScores dailyScores(PostFilter filter, Instant anchor, int maxRepeatedTexts) {
        String entity = filter.entity();
        if (entity == null) {
            throw new IllegalArgumentException("daily scores are read for one entity");
        }
        String offset = Math.floorMod(anchor.toEpochMilli(), Duration.ofDays(1).toMillis()) + "ms";
        Function<Aggregation.Builder, ObjectBuilder<Aggregation>> perDay = a -> a
                .nested(n -> n.path(NESTED))
                .aggregations("entity", e -> e
                        .filter(f -> f.term(t -> t.field(NESTED_ENTITY).value(entity)))
                        .aggregations("days", d -> d
                                .dateHistogram(h -> h.field(NESTED_PUBLISHED_AT).fixedInterval(t -> t.time("1d"))
                                        .offset(t -> t.time(offset)).minDocCount(1))
                                .aggregations("stats", x -> x.extendedStats(es -> es.field(NESTED_SCORE)))));
        SearchResponse<Void> response = search("daily scores", s -> s
                .index(index)
                .size(0)
                .query(scoredOnly(filter))
                .aggregations("target", perDay)
                .aggregations("texts", a -> a
                        .terms(t -> t.field(PostFields.TEXT_CLUSTER).minDocCount(2).shardMinDocCount(2L)
                                .size(maxRepeatedTexts).collectMode(TermsAggregationCollectMode.BreadthFirst))
                        .aggregations("target", perDay)));
        Map<Instant, ScoreSums> days = readDays(response.aggregations());
        Map<String, Map<Instant, ScoreSums>> repeated = new HashMap<>();
        var texts = response.aggregations().get("texts").sterms();
        for (StringTermsBucket b : texts.buckets().array()) {
            repeated.put(b.key().stringValue(), readDays(b.aggregations()));
        }
        boolean capped = texts.sumOtherDocCount() != null && texts.sumOtherDocCount() > 0 && repeated.size() >= maxRepeatedTexts;
        return new DailyScores(days, repeated, capped);
    }

    private static Map<Instant, ScoreSums> readDays(Map<String, Aggregate> aggregations) {
        Map<Instant, ScoreSums> days = new HashMap<>();
        for (DateHistogramBucket b : aggregations.get("target").nested().aggregations().get("entity").filter().aggregations()
                .get("days").dateHistogram().buckets().array()) {
            ExtendedStatsAggregate stats = b.aggregations().get("stats").extendedStats();
            if (stats.count() > 0) {
                days.put(Instant.ofEpochMilli(b.key()), new ScoreSums(stats.count(), stats.sum(), stats.sumOfSquares()));
            }
        }
        return days;
    }

    /** The few fields {@link #scores} reads from each post. */
    record ScoreSource(Instant publishedAt, ScoreOnly sentiment, List<EntityScoreOnly> entitySentiments, String textCluster) {
        record ScoreOnly(Double score) {
        }

        record EntityScoreOnly(String entity, Double score) {
        }

        Double score(String entity) {
            if (entity == null) {
                return sentiment == null ? null : sentiment.score();
            }
            if (entitySentiments != null) {
                for (EntityScoreOnly e : entitySentiments) {
                    if (entity.equals(e.entity())) {
                        return e.score();
                    }
                }
            }
            return null;
        }
    }

    /** How many posts are indexed. */
    public long count() {
        return count(PostFilter.ALL);
    }

    /** How many indexed posts are about {@code entity} (null: all). */
    public long count(String entity) {
        return count(PostFilter.entity(entity, TimeRange.ALL));
    }

    public long count(PostFilter filter) {
        try {
            return client.count(c -> c.index(index).query(filter.query())).count();
        } catch (ElasticsearchException e) {
            throw translate("count", e);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    /** The indexed document of a post, if there is one (searched across the monthly indices: needs a refresh). */
    public Optional<PostDocument> find(String id) {
        SearchResponse<PostDocument> response = searchDocs("get", s -> s
                .index(index).size(1).query(q -> q.ids(i -> i.values(id))));
        return response.hits().hits().stream().map(Hit::source).findFirst();
    }

    // ----- aggregations

    /** extended_stats on the score and terms on the label, of the post or (nested) of the entity. */
    static Map<String, Aggregation> sentimentAggregations(String entity) {
        if (entity == null) {
            return labelAndStats(SCORE, LABEL);
        }
        return Map.of("target", Aggregation.of(a -> a
                .nested(n -> n.path(NESTED))
                .aggregations("entity", e -> e
                        .filter(f -> f.term(t -> t.field(NESTED_ENTITY).value(entity)))
                        .aggregations(labelAndStats(NESTED_SCORE, NESTED_LABEL)))));
    }

    private static Map<String, Aggregation> labelAndStats(String scoreField, String labelField) {
        Map<String, Aggregation> aggs = new HashMap<>();
        aggs.put("stats", Aggregation.of(a -> a.extendedStats(x -> x.field(scoreField))));
        aggs.put("labels", Aggregation.of(a -> a.terms(t -> t.field(labelField).size(SentimentLabel.values().length))));
        return aggs;
    }

    static SentimentStats sentiment(Map<String, Aggregate> aggregations, String entity) {
        if (entity == null) {
            return read(aggregations);
        }
        return read(aggregations.get("target").nested().aggregations().get("entity").filter().aggregations());
    }

    private static SentimentStats read(Map<String, Aggregate> aggregations) {
        ExtendedStatsAggregate stats = aggregations.get("stats").extendedStats();
        Map<String, Long> labels = new HashMap<>();
        for (StringTermsBucket b : aggregations.get("labels").sterms().buckets().array()) {
            labels.put(b.key().stringValue(), b.docCount());
        }
        double sumOfSquares = stats.count() == 0 ? 0 : stats.sumOfSquares();
        return SentimentStats.of(stats.count(), stats.sum(), sumOfSquares,
                labels.getOrDefault(SentimentLabel.NEGATIVE.name(), 0L),
                labels.getOrDefault(SentimentLabel.NEUTRAL.name(), 0L),
                labels.getOrDefault(SentimentLabel.POSITIVE.name(), 0L));
    }

    private static List<PostView> views(SearchResponse<PostDocument> response, String entity) {
        List<PostView> views = new ArrayList<>();
        for (Hit<PostDocument> hit : response.hits().hits()) {
            PostDocument d = hit.source();
            if (d == null) {
                continue;
            }
            Double score = d.sentiment() == null ? null : d.sentiment().score();
            SentimentLabel label = d.sentiment() == null ? null : d.sentiment().label();
            boolean targeted = false;
            if (entity != null) {
                for (PostDocument.EntityScore e : d.entitySentiments()) {
                    if (entity.equals(e.entity())) {
                        score = e.score();
                        label = e.label();
                        targeted = e.targeted();
                    }
                }
            }
            views.add(new PostView(d.id(), d.publishedAt(), d.source(), d.author(), d.headline(), d.text(), d.url(),
                    d.lang(), score, label, targeted, d.engagementTotal(), d.entities(), d.topics(), d.unscoredReason()));
        }
        return views;
    }

    // ----- plumbing

    /** An aggregations-only search, its failures translated as every query's are. */
    SearchResponse<Void> search(String what, Function<SearchRequest.Builder, ObjectBuilder<SearchRequest>> request) {
        return search(what, request, Void.class);
    }

    private SearchResponse<PostDocument> searchDocs(String what, Function<SearchRequest.Builder, ObjectBuilder<SearchRequest>> request) {
        return search(what, request, PostDocument.class);
    }

    private <T> SearchResponse<T> search(String what, Function<SearchRequest.Builder, ObjectBuilder<SearchRequest>> request,
                                         Class<T> type) {
        try {
            return client.search(request, type);
        } catch (ElasticsearchException e) {
            throw translate(what, e);
        } catch (IOException e) {
            throw unreachable(e);
        }
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
