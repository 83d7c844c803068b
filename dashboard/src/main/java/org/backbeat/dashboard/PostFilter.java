package org.backbeat.dashboard;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;

/**
 * Which posts a question is about: any of entity, topic, source and language (null: any), and a range of
 * publication times. With an entity, sentiment means the sentiment towards that entity.
 */
public record PostFilter(String entity, String topic, String source, String lang, TimeRange range) {

    public static final PostFilter ALL = new PostFilter(null, null, null, null, TimeRange.ALL);

    public PostFilter {
        range = range == null ? TimeRange.ALL : range;
    }

    public static PostFilter entity(String entity, TimeRange range) {
        return new PostFilter(entity, null, null, null, range);
    }

    public PostFilter withRange(TimeRange newRange) {
        return new PostFilter(entity, topic, source, lang, newRange);
    }

    public PostFilter withEntity(String newEntity) {
        return new PostFilter(newEntity, topic, source, lang, range);
    }

    /** A bool query of filters (no scoring): terms on the keyword fields, a range on {@code publishedAt}. */
    Query query() {
        return Query.of(q -> q.bool(b -> {
            term(b, PostQueries.ENTITIES, entity);
            term(b, PostQueries.TOPICS, topic);
            term(b, "source", source);
            term(b, "lang", lang);
            if (range.isBounded()) {
                b.filter(f -> f.range(r -> r.date(d -> {
                    d.field(PostQueries.PUBLISHED_AT);
                    if (range.from() != null) {
                        d.gte(range.from().toString());
                    }
                    if (range.to() != null) {
                        d.lt(range.to().toString());
                    }
                    return d;
                })));
            }
            return b;
        }));
    }

    private static void term(co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery.Builder b, String field, String value) {
        if (value != null) {
            b.filter(f -> f.term(t -> t.field(field).value(value)));
        }
    }
}
