package org.backbeat.dashboard;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.backbeat.index.schema.PostDocument;
import org.backbeat.index.schema.PostFields;

/**
 * What moved one bucket of a series: the texts that contributed most to the bucket's deviation from the series
 * mean, and the topics that grew against the buckets before it.
 *
 * <p>A text's contribution is {@code scored_c · (mean_c − seriesMean) / scored}: the bucket's mean minus the
 * series mean is exactly the sum of the contributions of all its texts, so a text's contribution is the part of the
 * deviation its copies make. The candidates are the bucket's {@value #TEXTS_READ} most copied texts (a text of one
 * post moves a bucket of {@code n} posts by at most {@code 2/n}); the {@code size} with the largest contribution
 * in absolute value are returned, largest first. A topic grew when its share of the bucket's posts is above its share
 * of the posts of the {@value #PREVIOUS_BUCKETS} buckets before.
 */
final class BucketDrivers {

    static final int TEXTS_READ = 100;
    static final int PREVIOUS_BUCKETS = 7;
    private static final int TOPICS_READ = 50;

    /** One post of a text, to show it: its text as written (the UI sets it as text, never HTML). */
    record Sample(String id, Instant publishedAt, String author, String headline, String text, String url) {
    }

    /**
     * One text of the bucket: {@code copies} posts carry it, {@code scored} of them scored with mean
     * {@code meanScore}; {@code share} of the bucket's posts; {@code contribution} to the bucket's deviation.
     */
    record Driver(String textCluster, long copies, double share, long scored, Double meanScore, double contribution,
                  Sample sample) {
    }

    /** A topic's share of the bucket's posts and of the posts of the buckets before. */
    record TopicGrowth(String topic, long count, double share, double previousShare) {
        public double growth() {
            return share - previousShare;
        }
    }

    /**
     * @param deviation bucket mean minus series mean (null when either is missing)
     */
    record Result(Instant bucket, Instant bucketEnd, long posts, long distinctTexts, long scored, Double bucketMean,
                  Double seriesMean, Double deviation, List<Driver> drivers, List<TopicGrowth> topicsGrown) {
    }

    /** A text's scored posts and their mean, before its contribution is known. */
    record TextScores(String textCluster, long copies, long scored, Double meanScore, Sample sample) {
    }

    private final PostQueries queries;

    BucketDrivers(PostQueries queries) {
        this.queries = queries;
    }

    /**
     * The drivers of the bucket of {@code interval} that {@code time} falls in, among the posts of {@code filter}
     * (whose range is the series' and must contain the bucket when bounded).
     */
    Result of(PostFilter filter, Interval interval, Instant time, int size) {
        Instant start = interval.floor(time);
        Instant end = interval.plus(start, 1);
        Instant previous = interval.plus(start, -PREVIOUS_BUCKETS);
        return between(filter, filter.range(), new TimeRange(start, end), new TimeRange(previous, start), size);
    }

    /**
     * What moved an event's impact: the texts of the after window {@code [time, time + after)} by their contribution
     * to {@code meanAfter − meanBefore} (the reference mean is the before window's, so the contributions of all the
     * after window's texts add up to the change), and the topics whose share grew against the before window.
     */
    Result ofChange(PostFilter filter, TimeRange before, TimeRange after, int size) {
        return between(filter, before, after, before, size);
    }

    /**
     * The drivers of the posts of {@code focus} against the mean of {@code reference}, topics against {@code previous};
     * every range within the posts of {@code filter} (its own range is ignored).
     */
    private Result between(PostFilter filter, TimeRange reference, TimeRange focus, TimeRange previous, int size) {
        String entity = filter.entity();
        Instant start = focus.from();
        Instant end = focus.to();
        Query inSeries = PostFilter.ALL.withRange(reference).query();
        Query inBucket = PostFilter.ALL.withRange(focus).query();
        Query before = PostFilter.ALL.withRange(previous).query();

        Map<String, Aggregation> perText = new HashMap<>(PostQueries.sentimentAggregations(entity));
        perText.put("sample", Aggregation.of(a -> a.topHits(h -> h.size(1)
                .sort(so -> so.field(f -> f.field(PostFields.PUBLISHED_AT).order(SortOrder.Asc)))
                .sort(so -> so.field(f -> f.field(PostFields.ID).order(SortOrder.Asc))))));
        Map<String, Aggregation> bucketAggs = new HashMap<>(PostQueries.sentimentAggregations(entity));
        bucketAggs.put("texts", Aggregation.of(a -> a.cardinality(c -> c.field(PostFields.TEXT_CLUSTER).precisionThreshold(PostQueries.DISTINCT_PRECISION))));
        bucketAggs.put("by_text", Aggregation.of(a -> a.terms(t -> t.field(PostFields.TEXT_CLUSTER).size(TEXTS_READ))
                .aggregations(perText)));
        bucketAggs.put("topics", Aggregation.of(a -> a.terms(t -> t.field(PostFields.TOPICS).size(TOPICS_READ))));

        SearchResponse<Void> response = queries.search("drivers", s -> s
                .index(queries.index())
                .size(0)
                .query(filter.withRange(TimeRange.ALL).query())
                .aggregations("series", a -> a.filter(inSeries).aggregations(PostQueries.sentimentAggregations(entity)))
                .aggregations("bucket", a -> a.filter(inBucket).aggregations(bucketAggs))
                .aggregations("before", a -> a.filter(before)
                        .aggregations("topics", t -> t.terms(tt -> tt.field(PostFields.TOPICS).size(TOPICS_READ)))));

        var series = response.aggregations().get("series").filter();
        var bucket = response.aggregations().get("bucket").filter();
        var previousBuckets = response.aggregations().get("before").filter();
        SentimentStats seriesStats = PostQueries.sentiment(series.aggregations(), entity);
        SentimentStats bucketStats = PostQueries.sentiment(bucket.aggregations(), entity);

        List<TextScores> texts = new ArrayList<>();
        for (StringTermsBucket b : bucket.aggregations().get("by_text").sterms().buckets().array()) {
            SentimentStats s = PostQueries.sentiment(b.aggregations(), entity);
            texts.add(new TextScores(b.key().stringValue(), b.docCount(), s.scored(), s.mean(), sample(b.aggregations().get("sample"))));
        }
        List<Driver> drivers = drivers(bucket.docCount(), bucketStats.scored(), seriesStats.mean(), texts, size);
        List<TopicGrowth> grown = grown(counts(bucket.aggregations().get("topics")), bucket.docCount(),
                counts(previousBuckets.aggregations().get("topics")), previousBuckets.docCount());
        Double deviation = bucketStats.mean() == null || seriesStats.mean() == null ? null : bucketStats.mean() - seriesStats.mean();
        return new Result(start, end, bucket.docCount(), bucket.aggregations().get("texts").cardinality().value(),
                bucketStats.scored(), bucketStats.mean(), seriesStats.mean(), deviation, drivers, grown);
    }

    /**
     * The {@code size} texts with the largest contribution {@code scored_c · (mean_c − seriesMean) / scored} in
     * absolute value, largest first; with no series mean (nothing scored), the most copied.
     */
    static List<Driver> drivers(long posts, long scored, Double seriesMean, List<TextScores> texts, int size) {
        List<Driver> drivers = new ArrayList<>();
        for (TextScores t : texts) {
            double contribution = seriesMean == null || t.meanScore() == null || scored == 0
                    ? 0 : t.scored() * (t.meanScore() - seriesMean) / scored;
            drivers.add(new Driver(t.textCluster(), t.copies(), posts == 0 ? 0 : (double) t.copies() / posts, t.scored(),
                    t.meanScore(), contribution, t.sample()));
        }
        drivers.sort(Comparator.comparingDouble((Driver d) -> -Math.abs(d.contribution()))
                .thenComparing(Comparator.comparingLong(Driver::copies).reversed())
                .thenComparing(Driver::textCluster));
        return List.copyOf(drivers.subList(0, Math.min(size, drivers.size())));
    }

    /** Topics whose share of the bucket's posts is above their share before, largest growth first, at most five. */
    static List<TopicGrowth> grown(Map<String, Long> now, long posts, Map<String, Long> before, long postsBefore) {
        List<TopicGrowth> grown = new ArrayList<>();
        for (Map.Entry<String, Long> e : now.entrySet()) {
            double share = posts == 0 ? 0 : (double) e.getValue() / posts;
            double previousShare = postsBefore == 0 ? 0 : (double) before.getOrDefault(e.getKey(), 0L) / postsBefore;
            if (share > previousShare) {
                grown.add(new TopicGrowth(e.getKey(), e.getValue(), share, previousShare));
            }
        }
        grown.sort(Comparator.comparingDouble((TopicGrowth t) -> -t.growth()).thenComparing(TopicGrowth::topic));
        return List.copyOf(grown.subList(0, Math.min(5, grown.size())));
    }

    private static Map<String, Long> counts(Aggregate terms) {
        Map<String, Long> counts = new HashMap<>();
        for (StringTermsBucket b : terms.sterms().buckets().array()) {
            counts.put(b.key().stringValue(), b.docCount());
        }
        return counts;
    }

    private static Sample sample(Aggregate topHits) {
        List<Hit<JsonData>> hits = topHits.topHits().hits().hits();
        if (hits.isEmpty() || hits.get(0).source() == null) {
            return null;
        }
        PostDocument d = hits.get(0).source().to(PostDocument.class);
        return new Sample(d.id(), d.publishedAt(), d.author(), d.headline(), d.text(), d.url());
    }
}
