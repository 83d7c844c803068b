package org.backbeat.dashboard.alerts;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.ExtendedStatsAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.backbeat.alerts.evaluation.TextCount;
import org.backbeat.alerts.evaluation.WindowAggregate;
import org.backbeat.alerts.rules.AlertRule;
import org.backbeat.core.Alert;
import org.backbeat.core.SentimentLabel;
import org.backbeat.index.schema.PostFields;
import org.backbeat.index.schema.SearchUnavailableException;

/**
 * The windows of a rule over the posts already in Elasticsearch, for a backtest: one date histogram bucket per
 * window (the rule's filters applied), with the sentiment's count, sum and sum of squares (towards the entity,
 * from the nested entity sentiments; of the post for {@code "*"}), the negatives, and the texts with the most
 * copies ({@code textCluster} terms). Posts indexed before {@code textCluster} was indexed have none: a window
 * without clusters counts each post as a distinct text (the backtest then cannot see storms of copies).
 */
public final class HistoryWindows {

    static final String TEXT_CLUSTER = "textCluster";
    private final ElasticsearchClient client;
    private final String alias;

    public HistoryWindows(ElasticsearchClient client, String alias) {
        this.client = client;
        this.alias = alias;
    }

    /** Windows of {@code rule} for {@code entity} between {@code from} and {@code to}, oldest first (empty ones omitted). */
    public List<WindowAggregate> windows(AlertRule rule, String entity, Instant from, Instant to) {
        boolean all = Alert.ALL_ENTITIES.equals(entity);
        Query filter = Query.of(q -> q.bool(b -> {
            b.filter(f -> f.range(r -> r.date(d -> d.field(PostFields.PUBLISHED_AT).gte(from.toString()).lt(to.toString()))));
            if (!all) {
                b.filter(f -> f.term(t -> t.field(PostFields.ENTITIES).value(entity)));
            }
            if (rule.topic() != null) {
                b.filter(f -> f.term(t -> t.field(PostFields.TOPICS).value(rule.topic())));
            }
            if (!rule.sources().isEmpty()) {
                b.filter(f -> f.terms(t -> t.field("source").terms(v -> v.value(rule.sources().stream()
                        .map(co.elastic.clients.elasticsearch._types.FieldValue::of).toList()))));
            }
            if (!rule.languages().isEmpty()) {
                b.filter(f -> f.bool(o -> o
                        .should(s -> s.terms(t -> t.field("lang").terms(v -> v.value(rule.languages().stream()
                                .map(co.elastic.clients.elasticsearch._types.FieldValue::of).toList()))))
                        .should(s -> s.bool(n -> n.mustNot(m -> m.exists(e -> e.field("lang")))))));
            }
            return b;
        }));
        Map<String, Aggregation> sentiment = all
                ? Map.of("s", Aggregation.of(a -> a.extendedStats(e -> e.field(PostFields.SCORE))),
                "neg", Aggregation.of(a -> a.filter(f -> f.term(t -> t.field(PostFields.LABEL).value(SentimentLabel.NEGATIVE.name())))))
                : Map.of("e", Aggregation.of(a -> a.nested(n -> n.path(PostFields.NESTED))
                .aggregations("entity", Aggregation.of(x -> x.filter(f -> f.term(t -> t.field(PostFields.NESTED_ENTITY).value(entity)))
                        .aggregations("s", Aggregation.of(y -> y.extendedStats(e -> e.field(PostFields.NESTED_SCORE))))
                        .aggregations("neg", Aggregation.of(y -> y.filter(f -> f.term(t -> t.field(PostFields.NESTED_LABEL)
                                .value(SentimentLabel.NEGATIVE.name())))))))));
        Aggregation texts = Aggregation.of(a -> a.terms(t -> t.field(TEXT_CLUSTER).size(AlertRule.TRACKED_TEXTS))
                .aggregations(sentiment));
        Aggregation histogram = Aggregation.of(a -> a.dateHistogram(h -> h.field(PostFields.PUBLISHED_AT)
                        .fixedInterval(i -> i.time(rule.window().toMillis() + "ms")).minDocCount(1))
                .aggregations(sentiment)
                .aggregations("distinct", Aggregation.of(c -> c.cardinality(x -> x.field(TEXT_CLUSTER))))
                .aggregations("texts", texts));
        try {
            SearchResponse<Void> response = client.search(s -> s.index(alias).size(0).query(filter)
                    .aggregations("w", histogram), Void.class);
            List<WindowAggregate> windows = new ArrayList<>();
            for (DateHistogramBucket b : response.aggregations().get("w").dateHistogram().buckets().array()) {
                Instant start = Instant.ofEpochMilli(b.key());
                Sums s = sums(b.aggregations(), all);
                long distinct = b.aggregations().get("distinct").cardinality().value();
                List<TextCount> top = new ArrayList<>();
                for (StringTermsBucket t : b.aggregations().get("texts").sterms().buckets().array()) {
                    Sums ts = sums(t.aggregations(), all);
                    top.add(new TextCount(t.key().stringValue(), t.docCount(), ts.count, ts.sum, ts.sumSq, ts.negatives, null));
                }
                long textsCount = distinct > 0 ? Math.min(distinct, b.docCount()) : b.docCount();
                windows.add(new WindowAggregate(start, start.plus(rule.window()), b.docCount(), textsCount, s.count,
                        distinct > 0 ? Math.min(textsCount, s.count) : s.count, s.sum, s.sumSq, s.negatives, top));
            }
            return windows;
        } catch (ElasticsearchException | IOException e) {
            throw new SearchUnavailableException("cannot aggregate the history for a backtest in " + alias + ": " + e.getMessage(), e);
        }
    }

    private record Sums(long count, double sum, double sumSq, long negatives) {
    }

    private static Sums sums(Map<String, Aggregate> aggs, boolean all) {
        Map<String, Aggregate> in = all ? aggs : aggs.get("e").nested().aggregations().get("entity").filter().aggregations();
        ExtendedStatsAggregate stats = in.get("s").extendedStats();
        return new Sums(stats.count(), stats.count() == 0 ? 0 : stats.sum(), stats.count() == 0 ? 0 : stats.sumOfSquares(),
                in.get("neg").filter().docCount());
    }

}
