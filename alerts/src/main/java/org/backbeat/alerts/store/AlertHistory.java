package org.backbeat.alerts.store;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.backbeat.core.Alert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alert history in Elasticsearch ({@value #DEFAULT_INDEX}): each alert of the {@code alerts} topic as one
 * document whose {@code _id} is the alert id, so re-reading the topic never duplicates one. Listed by the
 * dashboard with filters on rule, entity and time.
 */
public final class AlertHistory {

    private static final Logger log = LoggerFactory.getLogger(AlertHistory.class);
    public static final String DEFAULT_INDEX = "backbeat-alerts";
    public static final int MAX_ALERTS = 1000;

    private final ElasticsearchClient client;
    private final String index;

    public AlertHistory(ElasticsearchClient client, String index) {
        this.client = client;
        this.index = index;
    }

    public String index() {
        return index;
    }

    public void ensureCreated() {
        try {
            if (client.indices().exists(e -> e.index(index)).value()) {
                return;
            }
            client.indices().create(c -> c.index(index)
                    .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                    .mappings(m -> m.dynamic(DynamicMapping.False)
                            .properties("id", p -> p.keyword(k -> k))
                            .properties("ruleId", p -> p.keyword(k -> k))
                            .properties("kind", p -> p.keyword(k -> k))
                            .properties("state", p -> p.keyword(k -> k))
                            .properties("severity", p -> p.keyword(k -> k))
                            .properties("entity", p -> p.keyword(k -> k))
                            .properties("topic", p -> p.keyword(k -> k))
                            .properties("windowStart", p -> p.date(d -> d))
                            .properties("windowEnd", p -> p.date(d -> d))
                            .properties("firedAt", p -> p.date(d -> d))));
            log.info("Created Elasticsearch index {} for alert history", index);
        } catch (ElasticsearchException e) {
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw unavailable("create the alert history index", e);
            }
        } catch (IOException e) {
            throw unavailable("create the alert history index", e);
        }
    }

    /** Indexes the alerts (id = alert id: a repeat replaces, never duplicates); throws if any is refused. */
    public void indexAll(List<Alert> alerts) {
        if (alerts.isEmpty()) {
            return;
        }
        try {
            BulkResponse response = client.bulk(b -> {
                b.index(index);
                alerts.forEach(a -> b.operations(op -> op.index(i -> i.id(a.id()).document(a))));
                return b;
            });
            for (BulkResponseItem item : response.items()) {
                if (item.error() != null) {
                    throw new StoreUnavailableException("cannot index alert " + item.id() + " into " + index + ": "
                            + item.error().type() + " " + item.error().reason(), null);
                }
            }
        } catch (ElasticsearchException | IOException e) {
            throw unavailable("index alerts", e);
        }
    }

    /**
     * Alerts, newest first, optionally of one rule and entity and fired within {@code [from, to]} (each may be null).
     */
    public List<Alert> search(String ruleId, String entity, Instant from, Instant to, int limit) {
        Query query = Query.of(q -> q.bool(b -> {
            if (ruleId != null) {
                b.filter(f -> f.term(t -> t.field("ruleId").value(ruleId)));
            }
            if (entity != null) {
                b.filter(f -> f.term(t -> t.field("entity").value(entity)));
            }
            if (from != null || to != null) {
                b.filter(f -> f.range(r -> r.date(d -> {
                    d.field("firedAt");
                    if (from != null) {
                        d.gte(from.toString());
                    }
                    if (to != null) {
                        d.lte(to.toString());
                    }
                    return d;
                })));
            }
            return b;
        }));
        try {
            SearchResponse<Alert> response = client.search(s -> s.index(index).query(query)
                    .size(Math.max(1, Math.min(limit, MAX_ALERTS)))
                    .sort(o -> o.field(f -> f.field("firedAt").order(SortOrder.Desc)))
                    .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc))), Alert.class);
            List<Alert> alerts = new ArrayList<>();
            for (Hit<Alert> hit : response.hits().hits()) {
                alerts.add(hit.source());
            }
            return alerts;
        } catch (ElasticsearchException e) {
            if ("index_not_found_exception".equals(e.error().type())) {
                return List.of();
            }
            throw unavailable("search alerts", e);
        } catch (IOException e) {
            throw unavailable("search alerts", e);
        }
    }

    private StoreUnavailableException unavailable(String what, Exception e) {
        return new StoreUnavailableException("cannot " + what + " in Elasticsearch index " + index + ": " + e.getMessage(), e);
    }
}
