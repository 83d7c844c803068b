package org.backbeat.alerts.store;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.backbeat.alerts.rules.AlertRule;
import org.backbeat.alerts.rules.RuleValidation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules, for people and for the pipeline: every create, update and delete is published to the compacted
 * {@code alerts.rules} topic (what the running topology reads; a delete is a tombstone) and kept in an
 * Elasticsearch index (what the API lists). The topic is written first and waited for, so a rule the API
 * reports saved is one the topology will see; should the index write then fail, the error is reported and the
 * next start's {@link #publishAll()} or a retry of the write brings the two back together.
 */
public final class RuleStore {

    private static final Logger log = LoggerFactory.getLogger(RuleStore.class);
    public static final String DEFAULT_INDEX = "backbeat-alert-rules";
    public static final int MAX_RULES = 1000;

    /** Where rule changes go for the topology: the compacted topic (a Kafka producer in production). */
    public interface Publisher {
        /** Publishes the rule under its id, or a tombstone when {@code rule} is null; returns when it is acknowledged. */
        void publish(String id, AlertRule rule);
    }

    /** Thrown by {@link #create} when the id is taken. */
    public static final class DuplicateRuleException extends RuntimeException {
        public DuplicateRuleException(String id) {
            super("a rule with id '" + id + "' exists already; choose another id or update it with PUT /api/alerts/rules/" + id);
        }
    }

    private final ElasticsearchClient client;
    private final String index;
    private final Publisher publisher;
    private final Set<String> knownEntities;

    /** @param knownEntities the catalogue's entity ids, which rules are checked against */
    public RuleStore(ElasticsearchClient client, String index, Publisher publisher, Set<String> knownEntities) {
        this.client = client;
        this.index = index;
        this.publisher = publisher;
        this.knownEntities = Set.copyOf(knownEntities);
    }

    public String index() {
        return index;
    }

    /** Creates the index unless it exists; returns whether this call created it. */
    public boolean ensureCreated() {
        try {
            if (client.indices().exists(e -> e.index(index)).value()) {
                return false;
            }
            client.indices().create(c -> c.index(index)
                    .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                    .mappings(m -> m.dynamic(DynamicMapping.False)
                            .properties("id", p -> p.keyword(k -> k))
                            .properties("name", p -> p.keyword(k -> k))
                            .properties("kind", p -> p.keyword(k -> k))
                            .properties("entities", p -> p.keyword(k -> k))
                            .properties("topic", p -> p.keyword(k -> k))
                            .properties("enabled", p -> p.boolean_(b -> b))));
            log.info("Created Elasticsearch index {} for alert rules", index);
            return true;
        } catch (ElasticsearchException e) {
            if ("resource_already_exists_exception".equals(e.error().type())) {
                return false;
            }
            throw unavailable("create the rules index", e);
        } catch (IOException e) {
            throw unavailable("create the rules index", e);
        }
    }

    /**
     * Creates the index if needed and, when it holds no rule, stores and publishes {@code seed} (the rules file).
     * Rules an admin deleted do not come back on the next start: seeding happens only into an empty store.
     *
     * @return how many rules were seeded
     */
    public int seedIfEmpty(List<AlertRule> seed) {
        ensureCreated();
        if (!list().isEmpty()) {
            return 0;
        }
        for (AlertRule rule : seed) {
            save(RuleValidation.requireValid(rule, knownEntities));
        }
        log.info("Seeded {} alert rules into {} and the rules topic", seed.size(), index);
        return seed.size();
    }

    /** Publishes every stored rule again (idempotent: the topic is compacted), e.g. at the alerts process's start. */
    public int publishAll() {
        List<AlertRule> rules = list();
        rules.forEach(r -> publisher.publish(r.id(), r));
        return rules.size();
    }

    /** All rules, by id. */
    public List<AlertRule> list() {
        try {
            SearchResponse<AlertRule> response = client.search(s -> s.index(index).size(MAX_RULES)
                    .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc))), AlertRule.class);
            List<AlertRule> rules = new ArrayList<>();
            for (Hit<AlertRule> hit : response.hits().hits()) {
                rules.add(hit.source());
            }
            return rules;
        } catch (ElasticsearchException e) {
            if ("index_not_found_exception".equals(e.error().type())) {
                return List.of();
            }
            throw unavailable("list rules", e);
        } catch (IOException e) {
            throw unavailable("list rules", e);
        }
    }

    public Optional<AlertRule> get(String id) {
        try {
            GetResponse<AlertRule> response = client.get(g -> g.index(index).id(id), AlertRule.class);
            return response.found() ? Optional.ofNullable(response.source()) : Optional.empty();
        } catch (ElasticsearchException e) {
            if ("index_not_found_exception".equals(e.error().type())) {
                return Optional.empty();
            }
            throw unavailable("read rule " + id, e);
        } catch (IOException e) {
            throw unavailable("read rule " + id, e);
        }
    }

    /**
     * Validates and stores a new rule.
     *
     * @throws org.backbeat.alerts.rules.InvalidRuleException naming what to fix
     * @throws DuplicateRuleException when the id is taken
     */
    public AlertRule create(AlertRule rule) {
        RuleValidation.requireValid(rule, knownEntities);
        if (get(rule.id()).isPresent()) {
            throw new DuplicateRuleException(rule.id());
        }
        return save(rule);
    }

    /** Validates and replaces the rule of {@code rule.id()}; empty when there is none. */
    public Optional<AlertRule> update(AlertRule rule) {
        RuleValidation.requireValid(rule, knownEntities);
        if (get(rule.id()).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(save(rule));
    }

    /** Deletes the rule (a tombstone on the topic); false when there was none. */
    public boolean delete(String id) {
        if (get(id).isEmpty()) {
            return false;
        }
        publisher.publish(id, null);
        try {
            client.delete(d -> d.index(index).id(id).refresh(Refresh.WaitFor));
            return true;
        } catch (ElasticsearchException | IOException e) {
            throw unavailable("delete rule " + id, e);
        }
    }

    private AlertRule save(AlertRule rule) {
        publisher.publish(rule.id(), rule);
        try {
            client.index(i -> i.index(index).id(rule.id()).document(rule).refresh(Refresh.WaitFor));
            return rule;
        } catch (ElasticsearchException | IOException e) {
            throw unavailable("store rule " + rule.id() + " (it is published to the pipeline already)", e);
        }
    }

    private StoreUnavailableException unavailable(String what, Exception e) {
        return new StoreUnavailableException("cannot " + what + " in Elasticsearch index " + index + ": " + e.getMessage(), e);
    }
}
