package org.backbeat.dashboard;

import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import org.backbeat.core.SentimentLabel;

/**
 * Which posts a question is about: any of entity, topic, source and language (null: any), a range of
 * publication times, a sentiment label and/or a score range, and words the text or headline contains. With an
 * entity, sentiment means the sentiment towards that entity (label and score filters included).
 *
 * @param label    only posts with this sentiment label (null: any)
 * @param minScore only posts scored at least this (null: no lower bound); unscored posts never match a score or label filter
 * @param maxScore only posts scored at most this (null: no upper bound)
 * @param text     only posts whose text or headline contains these words in this order (a phrase, case-insensitive;
 *                 null: any)
 */
public record PostFilter(String entity, String topic, String source, String lang, TimeRange range,
                         SentimentLabel label, Double minScore, Double maxScore, String text) {

    public static final PostFilter ALL = new PostFilter(null, null, null, null, TimeRange.ALL);

    public PostFilter {
        range = range == null ? TimeRange.ALL : range;
        text = text == null || text.isBlank() ? null : text.strip();
        if (minScore != null && maxScore != null && minScore > maxScore) {
            throw new IllegalArgumentException("minScore (" + minScore + ") must not be above maxScore (" + maxScore + ")");
        }
    }

    public PostFilter(String entity, String topic, String source, String lang, TimeRange range) {
        this(entity, topic, source, lang, range, null, null, null, null);
    }

    public static PostFilter entity(String entity, TimeRange range) {
        return new PostFilter(entity, null, null, null, range);
    }

    public PostFilter withRange(TimeRange newRange) {
        return new PostFilter(entity, topic, source, lang, newRange, label, minScore, maxScore, text);
    }

    public PostFilter withEntity(String newEntity) {
        return new PostFilter(newEntity, topic, source, lang, range, label, minScore, maxScore, text);
    }

    /** Whether a sentiment label or score range is asked for. */
    public boolean hasSentimentFilter() {
        return label != null || minScore != null || maxScore != null;
    }

    /** A bool query of filters (no scoring): terms on the keyword fields, a range on {@code publishedAt}. */
    public Query query() {
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
            if (hasSentimentFilter()) {
                if (entity == null) {
                    sentiment(b, PostQueries.LABEL, PostQueries.SCORE);
                } else {
                    b.filter(f -> f.nested(n -> n.path(PostQueries.NESTED).query(nq -> nq.bool(nb -> {
                        term(nb, PostQueries.NESTED_ENTITY, entity);
                        sentiment(nb, PostQueries.NESTED_LABEL, PostQueries.NESTED_SCORE);
                        return nb;
                    }))));
                }
            }
            if (text != null) {
                b.filter(f -> f.bool(tb -> tb.minimumShouldMatch("1")
                        .should(s -> s.matchPhrase(m -> m.field("text").query(text)))
                        .should(s -> s.matchPhrase(m -> m.field("headline").query(text)))));
            }
            return b;
        }));
    }

    private void sentiment(BoolQuery.Builder b, String labelField, String scoreField) {
        term(b, labelField, label == null ? null : label.name());
        if (minScore != null || maxScore != null) {
            b.filter(f -> f.range(r -> r.number(n -> {
                n.field(scoreField);
                if (minScore != null) {
                    n.gte(minScore);
                }
                if (maxScore != null) {
                    n.lte(maxScore);
                }
                return n;
            })));
        }
    }

    private static void term(BoolQuery.Builder b, String field, String value) {
        if (value != null) {
            b.filter(f -> f.term(t -> t.field(field).value(value)));
        }
    }
}
