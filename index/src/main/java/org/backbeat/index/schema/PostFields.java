package org.backbeat.index.schema;

/**
 * The field paths of {@link PostDocument} that the mapping ({@link PostIndex}) types and the readers query, written
 * once: the writer, the mapping and the dashboard's queries all use these names. A new field is a component of
 * {@link PostDocument} plus its line in {@link PostIndex}'s mapping (a test fails when one is missing).
 */
public final class PostFields {

    public static final String ID = "id";
    public static final String PUBLISHED_AT = "publishedAt";
    public static final String ENTITIES = "entities";
    public static final String TOPICS = "topics";
    public static final String SENTIMENT = "sentiment";
    public static final String SCORE = "sentiment.score";
    public static final String LABEL = "sentiment.label";
    /** The nested per-entity sentiment ({@link PostDocument.EntityScore}). */
    public static final String NESTED = "entitySentiments";
    public static final String NESTED_ENTITY = "entitySentiments.entity";
    public static final String NESTED_SCORE = "entitySentiments.score";
    public static final String NESTED_LABEL = "entitySentiments.label";
    public static final String NESTED_PUBLISHED_AT = "entitySentiments.publishedAt";
    public static final String ENGAGEMENT_TOTAL = "engagementTotal";
    public static final String AUTHOR = "author";
    /** The id of the post's normalised text: copies of one text share it. */
    public static final String TEXT_CLUSTER = "textCluster";

    private PostFields() {
    }
}
