package org.backbeat.dashboard.reports;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.backbeat.index.schema.SearchUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Report definitions ({@code <index>}, id = name) and runs ({@code <index>-runs}, id = name@scheduled time) in
 * Elasticsearch. A run is claimed with a create-only write: of two processes (or a restart racing a tick) one
 * wins, so every scheduled run happens once.
 */
public final class ReportStore {

    private static final Logger log = LoggerFactory.getLogger(ReportStore.class);
    static final int MAX = 1_000;

    private final ElasticsearchClient client;
    private final ReportsConfig config;

    public ReportStore(ElasticsearchClient client, ReportsConfig config) {
        this.client = client;
        this.config = config;
    }

    public ReportsConfig config() {
        return config;
    }

    /** Creates both indices unless they exist. */
    public void ensureCreated() {
        create(config.index(), m -> m.dynamic(co.elastic.clients.elasticsearch._types.mapping.DynamicMapping.False)
                .properties("name", p -> p.keyword(k -> k))
                .properties("kind", p -> p.keyword(k -> k))
                .properties("filters", p -> p.object(o -> o.enabled(false)))
                .properties("createdAt", p -> p.date(d -> d)));
        create(config.runsIndex(), m -> m.dynamic(co.elastic.clients.elasticsearch._types.mapping.DynamicMapping.False)
                .properties("name", p -> p.keyword(k -> k))
                .properties("status", p -> p.keyword(k -> k))
                .properties("scheduledFor", p -> p.date(d -> d)));
    }

    private void create(String index, java.util.function.Function<co.elastic.clients.elasticsearch._types.mapping.TypeMapping.Builder,
            co.elastic.clients.util.ObjectBuilder<co.elastic.clients.elasticsearch._types.mapping.TypeMapping>> mapping) {
        try {
            if (client.indices().exists(e -> e.index(index)).value()) {
                return;
            }
            client.indices().create(c -> c.index(index)
                    .settings(s -> s.numberOfShards("1").numberOfReplicas(Integer.toString(config.replicas())))
                    .mappings(mapping));
            log.info("Created Elasticsearch index {} for scheduled reports", index);
        } catch (ElasticsearchException e) {
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw unavailable("create " + index, e);
            }
        } catch (IOException e) {
            throw unavailable("create " + index, e);
        }
    }

    /** Saves (or replaces) a definition. */
    public void put(ReportDefinition definition) {
        try {
            client.index(i -> i.index(config.index()).id(definition.name()).document(definition).refresh(Refresh.WaitFor));
        } catch (ElasticsearchException | IOException e) {
            throw unavailable("save report " + definition.name(), e);
        }
    }

    public Optional<ReportDefinition> get(String name) {
        try {
            var response = client.get(g -> g.index(config.index()).id(name), ReportDefinition.class);
            return response.found() ? Optional.ofNullable(response.source()) : Optional.empty();
        } catch (ElasticsearchException | IOException e) {
            throw unavailable("read report " + name, e);
        }
    }

    /** Every definition, by name. */
    public List<ReportDefinition> list() {
        try {
            return client.search(s -> s.index(config.index()).size(MAX).sort(o -> o.field(f -> f.field("name").order(SortOrder.Asc))),
                    ReportDefinition.class).hits().hits().stream().map(Hit::source).toList();
        } catch (ElasticsearchException | IOException e) {
            throw unavailable("list reports", e);
        }
    }

    /** Deletes a definition (its runs and files stay); returns whether it existed. */
    public boolean delete(String name) {
        try {
            return client.delete(d -> d.index(config.index()).id(name).refresh(Refresh.WaitFor)).result()
                    == co.elastic.clients.elasticsearch._types.Result.Deleted;
        } catch (ElasticsearchException | IOException e) {
            throw unavailable("delete report " + name, e);
        }
    }

    /** Writes a new run unless one with its id exists; returns whether this call did (the run is ours). */
    public boolean claim(ReportRun run) {
        try {
            client.create(c -> c.index(config.runsIndex()).id(run.id()).document(run).refresh(Refresh.WaitFor));
            return true;
        } catch (ElasticsearchException e) {
            if (e.status() == 409) {
                return false;
            }
            throw unavailable("claim run " + run.id(), e);
        } catch (IOException e) {
            if (conflict(e)) {
                return false; // the client reports a create-only conflict as a transport error
            }
            throw unavailable("claim run " + run.id(), e);
        }
    }

    /** Records how a run went. */
    public void update(ReportRun run) {
        try {
            client.index(i -> i.index(config.runsIndex()).id(run.id()).document(run).refresh(Refresh.WaitFor));
        } catch (ElasticsearchException | IOException e) {
            throw unavailable("record run " + run.id(), e);
        }
    }

    public Optional<ReportRun> run(String id) {
        try {
            var response = client.get(g -> g.index(config.runsIndex()).id(id), ReportRun.class);
            return response.found() ? Optional.ofNullable(response.source()) : Optional.empty();
        } catch (ElasticsearchException | IOException e) {
            throw unavailable("read run " + id, e);
        }
    }

    /** The runs of a report, newest first (all reports' when {@code name} is null). */
    public List<ReportRun> runs(String name) {
        try {
            return client.search(s -> {
                s.index(config.runsIndex()).size(MAX).sort(o -> o.field(f -> f.field("scheduledFor").order(SortOrder.Desc)));
                if (name != null) {
                    s.query(q -> q.term(t -> t.field("name").value(name)));
                }
                return s;
            }, ReportRun.class).hits().hits().stream().map(Hit::source).toList();
        } catch (ElasticsearchException | IOException e) {
            throw unavailable("list runs", e);
        }
    }

    private static boolean conflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.elasticsearch.client.ResponseException r && r.getResponse().getStatusLine().getStatusCode() == 409) {
                return true;
            }
        }
        return false;
    }

    private static SearchUnavailableException unavailable(String what, Exception e) {
        return new SearchUnavailableException("Elasticsearch could not " + what + ": " + e.getMessage(), e);
    }
}
