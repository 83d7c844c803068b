package org.backbeat.dashboard.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.backbeat.index.schema.EsClients;
import org.backbeat.index.schema.PostDocument;
import org.backbeat.index.schema.PostIndex;
import org.backbeat.infra.LocalElasticsearch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Not a test: times variants of the entity series aggregation directly against Elasticsearch. */
@EnabledIfSystemProperty(named = "backbeat.experiment", matches = "true")
class SeriesExperiment {

    @Test
    void variants() throws Exception {
        Path work = Files.createTempDirectory("backbeat-exp-es-");
        try (LocalElasticsearch es = LocalElasticsearch.start(LocalElasticsearch.Settings.of(LocalElasticsearch.defaultHome(), work).withHeapMb(1024));
             ElasticsearchClient client = EsClients.create(es.httpUri(), Duration.ofSeconds(5), Duration.ofMinutes(2))) {
            PostIndex index = new PostIndex(client, "exp", 0);
            index.ensureCreated();
            BenchPosts gen = new BenchPosts(42, 400_000);
            for (int from = 0; from < gen.total(); from += 5000) {
                BulkRequest.Builder b = new BulkRequest.Builder();
                for (int i = from; i < from + 5000; i++) {
                    PostDocument d = PostDocument.from(gen.post(i));
                    b.operations(op -> op.index(x -> x.index(index.indexFor(d.publishedAt())).id(d.id()).document(d)));
                }
                client.bulk(b.build());
            }
            index.refresh();
            client.indices().forcemerge(f -> f.index("exp-*").maxNumSegments(1L));
            String[] e = BenchPosts.ENTITIES;
            Map<String, java.util.function.IntFunction<Aggregation>> variants = new java.util.LinkedHashMap<>();
            variants.put("A nested-top, extended_stats + terms(label)", i -> nested(e[i % 8], true, true));
            variants.put("B nested-top, extended_stats only", i -> nested(e[i % 8], true, false));
            variants.put("C nested-top, count only", i -> nested(e[i % 8], false, false));
            variants.put("D nested-top, labels outside: terms(label) > date_histogram", i -> labelsOutside(e[i % 8]));
            for (int round = 0; round < 2; round++) {
                for (var v : variants.entrySet()) {
                    double[] ms = new double[40];
                    for (int i = 0; i < 40; i++) {
                        int k = i + round * 1000;
                        String entity = e[k % 8];
                        Aggregation agg = v.getValue().apply(k);
                        String to = java.time.LocalDate.parse("2012-01-01").minusDays(k / 8 % 30 + round * 30).toString();
                        long s = System.nanoTime();
                        client.search(r -> r.index("exp").size(0).requestCache(false)
                                .query(q -> q.bool(bb -> bb.filter(f -> f.term(t -> t.field("entities").value(entity)))
                                        .filter(f -> f.range(rr -> rr.date(d -> d.field("publishedAt").gte("2011-01-01").lt(to))))))
                                .aggregations("target", agg), Void.class);
                        ms[i] = (System.nanoTime() - s) / 1e6;
                    }
                    Arrays.sort(ms);
                    System.out.printf("round %d %-60s p50 %.1f p95 %.1f%n", round, v.getKey(), ms[19], ms[37]);
                }
            }
        }
    }

    private static Aggregation nested(String entity, boolean stats, boolean labels) {
        return Aggregation.of(a -> a.nested(n -> n.path("entitySentiments"))
                .aggregations("entity", x -> x.filter(f -> f.term(t -> t.field("entitySentiments.entity").value(entity)))
                        .aggregations("over_time", o -> {
                            o.dateHistogram(h -> h.field("entitySentiments.publishedAt").calendarInterval(
                                    co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval.Day).minDocCount(0).timeZone("UTC"));
                            if (stats) {
                                o.aggregations("stats", s -> s.extendedStats(es -> es.field("entitySentiments.score")));
                            }
                            if (labels) {
                                o.aggregations("labels", s -> s.terms(t -> t.field("entitySentiments.label").size(3)));
                            }
                            return o;
                        })));
    }

    private static Aggregation labelsOutside(String entity) {
        return Aggregation.of(a -> a.nested(n -> n.path("entitySentiments"))
                .aggregations("entity", x -> x.filter(f -> f.term(t -> t.field("entitySentiments.entity").value(entity)))
                        .aggregations("over_time", o -> o
                                .dateHistogram(h -> h.field("entitySentiments.publishedAt").calendarInterval(
                                        co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval.Day).minDocCount(0).timeZone("UTC"))
                                .aggregations("stats", s -> s.extendedStats(es -> es.field("entitySentiments.score"))))
                        .aggregations("labels", l -> l.terms(t -> t.field("entitySentiments.label").size(3))
                                .aggregations("over_time", o -> o.dateHistogram(h -> h.field("entitySentiments.publishedAt")
                                        .calendarInterval(co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval.Day)
                                        .timeZone("UTC"))))));
    }
}
