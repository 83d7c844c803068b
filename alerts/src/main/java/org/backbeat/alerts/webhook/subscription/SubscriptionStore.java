package org.backbeat.alerts.webhook.subscription;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.Result;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.backbeat.alerts.webhook.EsIndices;
import org.backbeat.alerts.webhook.WebhookStorageException;

/**
 * Webhook subscriptions in their Elasticsearch index (default {@code backbeat-webhook-subscriptions}), one
 * document per subscription id, secret included (it must be readable to sign; the index is Backbeat's own and
 * the API never returns it). Writes wait for a refresh, so the next list shows them. Needs nothing the minimal
 * Elasticsearch distribution lacks.
 */
public final class SubscriptionStore {

    /** Most subscriptions a list returns. */
    public static final int MAX_SUBSCRIPTIONS = 1000;

    private final ElasticsearchClient client;
    private final String index;
    private final int replicas;

    public SubscriptionStore(ElasticsearchClient client, String index, int replicas) {
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

    /** Stores a new subscription; its id must be new (ids are random). */
    public Subscription create(Subscription subscription) {
        try {
            client.create(c -> c.index(index).id(subscription.id()).document(subscription).refresh(Refresh.WaitFor));
            return subscription;
        } catch (ElasticsearchException | IOException e) {
            throw unavailable("store subscription " + subscription.id(), e);
        }
    }

    public Optional<Subscription> get(String id) {
        try {
            GetResponse<Subscription> response = client.get(g -> g.index(index).id(id), Subscription.class);
            return response.found() ? Optional.ofNullable(response.source()) : Optional.empty();
        } catch (ElasticsearchException | IOException e) {
            throw unavailable("read subscription " + id, e);
        }
    }

    /** Every subscription, oldest first (at most {@value #MAX_SUBSCRIPTIONS}). */
    public List<Subscription> list() {
        try {
            var response = client.search(s -> s.index(index).size(MAX_SUBSCRIPTIONS)
                    .sort(o -> o.field(f -> f.field("createdAt").order(SortOrder.Asc)))
                    .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc))), Subscription.class);
            List<Subscription> all = new ArrayList<>();
            for (Hit<Subscription> hit : response.hits().hits()) {
                all.add(hit.source());
            }
            return all;
        } catch (ElasticsearchException | IOException e) {
            throw unavailable("list subscriptions", e);
        }
    }

    /** Replaces a stored subscription; false when there is none with its id. */
    public boolean replace(Subscription subscription) {
        try {
            if (!client.exists(e -> e.index(index).id(subscription.id())).value()) {
                return false;
            }
            client.index(i -> i.index(index).id(subscription.id()).document(subscription).refresh(Refresh.WaitFor));
            return true;
        } catch (ElasticsearchException | IOException e) {
            throw unavailable("update subscription " + subscription.id(), e);
        }
    }

    public boolean delete(String id) {
        try {
            return client.delete(d -> d.index(index).id(id).refresh(Refresh.WaitFor)).result() == Result.Deleted;
        } catch (ElasticsearchException | IOException e) {
            if (EsIndices.httpStatus(e) == 404) {
                return false;
            }
            throw unavailable("delete subscription " + id, e);
        }
    }

    static TypeMapping mapping() {
        return TypeMapping.of(m -> m
                .dynamic(DynamicMapping.Strict)
                .properties("schemaVersion", p -> p.integer(i -> i))
                .properties("id", p -> p.keyword(k -> k))
                .properties("name", p -> p.keyword(k -> k))
                .properties("url", p -> p.keyword(k -> k.index(false)))
                .properties("format", p -> p.keyword(k -> k))
                .properties("filter", p -> p.object(o -> o
                        .properties("ruleIds", q -> q.keyword(k -> k))
                        .properties("entities", q -> q.keyword(k -> k))
                        .properties("minSeverity", q -> q.keyword(k -> k))))
                .properties("enabled", p -> p.boolean_(b -> b))
                .properties("disabledReason", p -> p.keyword(k -> k.index(false)))
                .properties("secret", p -> p.keyword(k -> k.index(false)))
                .properties("createdAt", p -> p.date(d -> d))
                .properties("updatedAt", p -> p.date(d -> d)));
    }

    private WebhookStorageException unavailable(String what, Exception e) {
        return new WebhookStorageException("cannot " + what + " in Elasticsearch index " + index + ": " + e.getMessage(), e);
    }
}
