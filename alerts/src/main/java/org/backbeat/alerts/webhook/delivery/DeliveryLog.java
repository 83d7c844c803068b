package org.backbeat.alerts.webhook.delivery;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.backbeat.alerts.webhook.EsIndices;
import org.backbeat.alerts.webhook.WebhookStorageException;

/**
 * The delivery log in Elasticsearch (default index {@code backbeat-webhook-deliveries}): one document per delivery
 * (alert × subscription, id {@link DeliveryState#key()}), holding its status and every attempt with time, status
 * code, latency and error. It is a projection of the {@code alerts.deliveries} topic, written by the dispatcher
 * with the state's revision as external version, so a late write of an older state is refused by Elasticsearch
 * itself. The dashboard reads it (it must not consume Kafka): the log by alert or subscription, the parked ones.
 */
public final class DeliveryLog {

    /** Most deliveries a query returns. */
    public static final int MAX_RESULTS = 500;

    private final ElasticsearchClient client;
    private final String index;
    private final int replicas;

    public DeliveryLog(ElasticsearchClient client, String index, int replicas) {
        this.client = client;
        this.index = index;
        this.replicas = replicas;
    }

    public String index() {
        return index;
    }

    public boolean ensureCreated() {
        return EsIndices.ensureCreated(client, index, replicas, mapping());
    }

    /**
     * Stores the state unless a newer revision is stored already.
     *
     * @param refresh wait until the write is searchable (admin actions and tests); the dispatcher does not wait
     * @return false when a newer (or the same) revision was there
     */
    public boolean record(DeliveryState state, boolean refresh) {
        try {
            client.index(i -> i.index(index).id(state.key()).document(state)
                    .version(state.revision()).versionType(VersionType.External)
                    .refresh(refresh ? Refresh.WaitFor : Refresh.False));
            return true;
        } catch (ElasticsearchException | IOException e) {
            if (EsIndices.httpStatus(e) == 409) {
                return false;
            }
            throw new WebhookStorageException("cannot log delivery " + state.key() + " in Elasticsearch index " + index
                    + ": " + e.getMessage(), e);
        }
    }

    public Optional<DeliveryState> get(String key) {
        try {
            GetResponse<DeliveryState> response = client.get(g -> g.index(index).id(key), DeliveryState.class);
            return response.found() ? Optional.ofNullable(response.source()) : Optional.empty();
        } catch (ElasticsearchException | IOException e) {
            if (EsIndices.httpStatus(e) == 404) {
                return Optional.empty();
            }
            throw unavailable("read delivery " + key, e);
        }
    }

    /**
     * Deliveries, newest change first, filtered by any of alert, subscription and status (null: any).
     *
     * @param includeTests whether "send a test alert" requests are included
     */
    public List<DeliveryState> find(String alertId, String subscriptionId, DeliveryStatus status, boolean includeTests, int limit) {
        return find(alertId, subscriptionId, status, includeTests, null, null, limit);
    }

    /**
     * As above, and created within {@code [from, to)} (each may be null): the deliveries of a report's period.
     */
    public List<DeliveryState> find(String alertId, String subscriptionId, DeliveryStatus status, boolean includeTests,
                                    java.time.Instant from, java.time.Instant to, int limit) {
        Query query = Query.of(q -> q.bool(b -> {
            if (from != null || to != null) {
                b.filter(f -> f.range(r -> r.date(d -> {
                    d.field("createdAt");
                    if (from != null) {
                        d.gte(from.toString());
                    }
                    if (to != null) {
                        d.lt(to.toString());
                    }
                    return d;
                })));
            }
            if (alertId != null) {
                b.filter(f -> f.term(t -> t.field("alertId").value(alertId)));
            }
            if (subscriptionId != null) {
                b.filter(f -> f.term(t -> t.field("subscriptionId").value(subscriptionId)));
            }
            if (status != null) {
                b.filter(f -> f.term(t -> t.field("status").value(status.name())));
            }
            if (!includeTests) {
                b.mustNot(f -> f.term(t -> t.field("test").value(true)));
            }
            return b;
        }));
        int size = Math.max(1, Math.min(limit, MAX_RESULTS));
        try {
            var response = client.search(s -> s.index(index).query(query).size(size)
                    .sort(o -> o.field(f -> f.field("updatedAt").order(SortOrder.Desc)))
                    .sort(o -> o.field(f -> f.field("alertId").order(SortOrder.Asc))), DeliveryState.class);
            List<DeliveryState> found = new ArrayList<>();
            for (Hit<DeliveryState> hit : response.hits().hits()) {
                found.add(hit.source());
            }
            return found;
        } catch (ElasticsearchException | IOException e) {
            throw unavailable("search deliveries", e);
        }
    }

    /** Parked deliveries (tests excluded), newest first: what an admin may resend. */
    public List<DeliveryState> parked(int limit) {
        return find(null, null, DeliveryStatus.PARKED, false, limit);
    }

    static TypeMapping mapping() {
        return TypeMapping.of(m -> m
                .dynamic(DynamicMapping.Strict)
                .properties("schemaVersion", p -> p.integer(i -> i))
                .properties("alertId", p -> p.keyword(k -> k))
                .properties("subscriptionId", p -> p.keyword(k -> k))
                .properties("alertPartition", p -> p.integer(i -> i))
                .properties("status", p -> p.keyword(k -> k))
                .properties("revision", p -> p.long_(l -> l))
                .properties("attemptsInRound", p -> p.integer(i -> i))
                .properties("attempts", p -> p.object(o -> o
                        .properties("number", q -> q.integer(i -> i))
                        .properties("at", q -> q.date(d -> d))
                        .properties("statusCode", q -> q.integer(i -> i))
                        .properties("latencyMs", q -> q.long_(l -> l))
                        .properties("error", q -> q.keyword(k -> k.index(false)))))
                .properties("createdAt", p -> p.date(d -> d))
                .properties("updatedAt", p -> p.date(d -> d))
                .properties("nextAttemptAt", p -> p.date(d -> d))
                .properties("reason", p -> p.keyword(k -> k.index(false)))
                .properties("test", p -> p.boolean_(b -> b))
                // the alert is kept whole for resends and shown as it is; nothing in it is searched
                .properties("alert", p -> p.object(o -> o.enabled(false))));
    }

    private WebhookStorageException unavailable(String what, Exception e) {
        return new WebhookStorageException("cannot " + what + " in Elasticsearch index " + index + ": " + e.getMessage(), e);
    }
}
