package org.backbeat.index.schema;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The posts indices: an index template, one concrete index per month of publication time
 * ({@code backbeat-posts-2011.03}), and the read alias ({@code backbeat-posts}) over all of them.
 *
 * <p>Writes go to the month's index, named from the post's {@code publishedAt}; Elasticsearch creates it on the
 * first write, from the template, which also adds it to the alias. Reads go through the alias. Old months are
 * dropped whole ({@link #dropMonthsBefore}). The mapping is strict and needs nothing the minimal distribution
 * lacks: keywords, dates, numbers, booleans, {@code nested}, and {@code text} with the {@code standard} analyzer.
 */
public final class PostIndex {

    private static final Logger log = LoggerFactory.getLogger(PostIndex.class);
    /** Above the default 0 of ad-hoc templates, so ours wins for its pattern. */
    static final long TEMPLATE_PRIORITY = 200;

    private final ElasticsearchClient client;
    private final String alias;
    private final int replicas;
    private final int shards;
    private final Clock clock;

    public PostIndex(ElasticsearchClient client, String alias, int replicas, Clock clock) {
        this(client, alias, replicas, 1, clock);
    }

    /** @param shards primary shards of each monthly index created from now on */
    public PostIndex(ElasticsearchClient client, String alias, int replicas, int shards, Clock clock) {
        this.client = client;
        this.alias = alias;
        this.replicas = replicas;
        this.shards = shards;
        this.clock = clock;
    }

    public PostIndex(ElasticsearchClient client, String alias, int replicas) {
        this(client, alias, replicas, Clock.systemUTC());
    }

    public PostIndex(ElasticsearchClient client, PostIndexConfig config) {
        this(client, config.index(), config.replicas(), config.shards(), Clock.systemUTC());
    }

    public ElasticsearchClient client() {
        return client;
    }

    /** The name to read through. */
    public String alias() {
        return alias;
    }

    /** The name of the index template ({@code <alias>-template}). */
    public String templateName() {
        return alias + "-template";
    }

    /** The pattern of the monthly indices ({@code <alias>-*}). */
    public String pattern() {
        return alias + "-*";
    }

    /** The concrete index a post published at {@code publishedAt} lives in: {@code <alias>-yyyy.MM} (UTC). */
    public String indexFor(Instant publishedAt) {
        return indexFor(YearMonth.from(publishedAt.atOffset(ZoneOffset.UTC)));
    }

    public String indexFor(YearMonth month) {
        return alias + "-" + String.format("%04d.%02d", month.getYear(), month.getMonthValue());
    }

    /**
     * Puts the index template (always: a newer mapping replaces the older one for months created from now on),
     * adds the fields of a newer mapping to the months that exist, and, unless the alias exists already, creates
     * the current month's index so that reads find the alias.
     *
     * @return whether this call created the first index
     * @throws SearchUnavailableException when Elasticsearch cannot be reached or refuses
     */
    public boolean ensureCreated() {
        try {
            refuseFirstLayout();
            client.indices().putIndexTemplate(t -> t
                    .name(templateName())
                    .indexPatterns(pattern())
                    .priority(TEMPLATE_PRIORITY)
                    .meta("description", co.elastic.clients.json.JsonData.of("Backbeat posts, one index per month"))
                    .template(tt -> tt
                            .settings(s -> s.numberOfShards(Integer.toString(shards)).numberOfReplicas(Integer.toString(replicas))
                                    .refreshInterval(r -> r.time("1s")))
                            .mappings(mapping())
                            .aliases(alias, a -> a)));
            if (client.indices().existsAlias(e -> e.name(alias)).value()) {
                // Months created by an older version lack the newer fields (the mapping is strict): add them.
                // Adding a field to a mapping is allowed; changing one is not, and fails here with the reason.
                client.indices().putMapping(m -> m.index(pattern()).properties(mapping().properties()));
                return false;
            }
            String first = indexFor(clock.instant());
            client.indices().create(c -> c.index(first));
            log.info("Created Elasticsearch index {} with alias {} from template {}", first, alias, templateName());
            return true;
        } catch (ElasticsearchException e) {
            if ("resource_already_exists_exception".equals(e.error().type())) {
                return false; // another process won the race
            }
            throw new SearchUnavailableException("cannot set up the posts indices " + pattern() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SearchUnavailableException("cannot reach Elasticsearch to set up the posts indices " + pattern()
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Backbeat 0.1 wrote every post to one index, {@code <alias>-v1}, without entity sentiment or topics. Its
     * mapping cannot serve the nested queries of this layout, and the alias would mix the two: stop with what to do.
     */
    private void refuseFirstLayout() throws IOException {
        String first = alias + "-v1";
        if (client.indices().exists(e -> e.index(first)).value()) {
            throw new IllegalStateException("Elasticsearch holds " + first + ", the single index of Backbeat 0.1, whose layout "
                    + "this version cannot query. Delete it (curl -X DELETE <elasticsearch>/" + first + ", or delete the "
                    + "work dir of a local demo) and replay your posts; they are re-scored and indexed by month.");
        }
    }

    /** The concrete indices behind the alias, oldest month first. */
    public List<String> indices() {
        try {
            if (!client.indices().existsAlias(e -> e.name(alias)).value()) {
                return List.of();
            }
            return new ArrayList<>(new TreeSet<>(client.indices().getAlias(g -> g.name(alias)).result().keySet()));
        } catch (IOException e) {
            throw new SearchUnavailableException("cannot reach Elasticsearch to list " + alias + ": " + e.getMessage(), e);
        }
    }

    /** The month of a concrete index of ours, if its name is one. */
    public Optional<YearMonth> monthOf(String index) {
        String prefix = alias + "-";
        if (!index.startsWith(prefix)) {
            return Optional.empty();
        }
        try {
            return Optional.of(YearMonth.parse(index.substring(prefix.length()).replace('.', '-')));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The monthly indices of months before {@code month}, oldest first: what {@link #dropMonthsBefore} would delete. */
    public List<String> monthsBefore(YearMonth month) {
        return indices().stream()
                .filter(i -> monthOf(i).map(m -> m.isBefore(month)).orElse(false))
                .toList();
    }

    /**
     * Deletes the monthly indices of months before {@code month}: the retention tool (there is no ILM in the
     * minimal distribution, and deleting an index is instant where deleting documents is not).
     *
     * @return the indices deleted
     */
    public List<String> dropMonthsBefore(YearMonth month) {
        List<String> old = monthsBefore(month);
        if (old.isEmpty()) {
            return old;
        }
        try {
            client.indices().delete(d -> d.index(old));
            log.info("Dropped posts indices {}", old);
            return old;
        } catch (IOException e) {
            throw new SearchUnavailableException("cannot reach Elasticsearch to drop " + old + ": " + e.getMessage(), e);
        }
    }

    /** Makes everything indexed so far visible to searches (tests, tools; the server refreshes every second anyway). */
    public void refresh() {
        try {
            client.indices().refresh(r -> r.index(alias).allowNoIndices(true).ignoreUnavailable(true));
        } catch (IOException e) {
            throw new SearchUnavailableException("cannot reach Elasticsearch to refresh " + alias + ": " + e.getMessage(), e);
        }
    }

    /** The strict mapping of {@link PostDocument}. */
    public static TypeMapping mapping() {
        return TypeMapping.of(m -> m
                .dynamic(DynamicMapping.Strict)
                .properties(PostFields.ID, keyword())
                .properties("source", keyword())
                .properties(PostFields.PUBLISHED_AT, p -> p.date(d -> d))
                .properties("author", keyword())
                .properties("headline", p -> p.text(t -> t.analyzer("standard")))
                .properties("text", p -> p.text(t -> t.analyzer("standard")))
                .properties("url", p -> p.keyword(k -> k.index(false)))
                .properties("lang", keyword())
                .properties("engagement", p -> p.object(o -> o
                        .properties("likes", q -> q.long_(l -> l))
                        .properties("reposts", q -> q.long_(l -> l))
                        .properties("replies", q -> q.long_(l -> l))
                        .properties("quotes", q -> q.long_(l -> l))))
                .properties(PostFields.ENGAGEMENT_TOTAL, p -> p.long_(l -> l))
                .properties("replyTo", keyword())
                .properties("repostOf", keyword())
                .properties("quoteOf", keyword())
                .properties(PostFields.TEXT_CLUSTER, keyword())
                .properties("declaredEntity", keyword())
                .properties("declaredLabel", keyword())
                .properties(PostFields.ENTITIES, keyword())
                // nested: each entity keeps its own score; a plain object array would mix entities and scores
                .properties(PostFields.NESTED, p -> p.nested(n -> n
                        .properties("entity", keyword())
                        .properties("label", keyword())
                        // double, not float: means over many posts are compared to the last decimal
                        .properties("score", q -> q.double_(d -> d))
                        .properties("confidence", q -> q.float_(f -> f))
                        .properties("targeted", q -> q.boolean_(b -> b))
                        .properties("mentions", q -> q.keyword(k -> k.index(false)))
                        .properties("publishedAt", q -> q.date(d -> d))))
                .properties(PostFields.TOPICS, keyword())
                // kept for display (evidence words), not searched
                .properties("topicMatches", p -> p.object(o -> o.enabled(false)))
                .properties(PostFields.SENTIMENT, p -> p.object(o -> o
                        .properties("label", keyword())
                        .properties("score", q -> q.double_(d -> d))
                        .properties("confidence", q -> q.float_(f -> f))))
                .properties("scored", p -> p.boolean_(b -> b))
                .properties("unscoredReason", keyword())
                .properties("model", keyword())
                .properties("taxonomyVersion", keyword())
                .properties("scoredAt", p -> p.date(d -> d)));
    }

    private static java.util.function.Function<Property.Builder, co.elastic.clients.util.ObjectBuilder<Property>> keyword() {
        return p -> p.keyword(k -> k);
    }
}
