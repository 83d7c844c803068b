package org.backbeat.index.testing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.backbeat.core.Post;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.Sentiment;
import org.backbeat.core.SentimentLabel;
import org.backbeat.index.schema.PostDocument;
import org.backbeat.index.schema.PostIndex;

/** A dozen hand-made scored posts around Amazon's Cloud Player launch (29 March 2011), with known scores and times. */
public final class Fixtures {

    public static final Instant SCORED_AT = Instant.parse("2026-01-01T00:00:00Z");
    public static final String MODEL = "test-model-1";

    private Fixtures() {
    }

    public static List<ScoredPost> posts() {
        return List.of(
                post("twitter:1", "2011-03-28T23:59:59Z", 0.9, "spotify"),
                post("twitter:2", "2011-03-29T09:00:00Z", 0.6, "amazon", "amazon-cloud-player"),
                post("twitter:3", "2011-03-29T15:30:00Z", -0.4, "amazon"),
                post("rss:3a", "2011-03-29T15:45:00Z", 0.2, "amazon", "amazon-cloud-drive"),
                post("twitter:5", "2011-03-30T10:00:00Z", -0.3, "umg"),
                post("twitter:6", "2011-03-30T11:00:00Z", 0.0),
                post("twitter:7", "2011-03-31T08:00:00Z", -0.8, "umg", "amazon"),
                post("twitter:8", "2011-03-31T20:00:00Z", -0.5, "sony-music", "amazon"),
                post("twitter:9", "2011-04-01T12:00:00Z", 0.1, "umg", "riaa"),
                post("twitter:10", "2011-04-02T00:00:00Z", 0.7, "spotify"),
                post("twitter:11", "2011-04-04T09:00:00Z", -0.9, "riaa"),
                post("twitter:12", "2011-04-04T10:00:00Z", 0.3, "amazon"));
    }

    public static ScoredPost post(String id, String publishedAt, double score, String... entities) {
        Post post = Post.of(id, id.substring(0, id.indexOf(':')), Instant.parse(publishedAt), "author-" + id,
                id.startsWith("rss") ? "Amazon launches Cloud Drive" : null,
                "About " + String.join(", ", entities) + " <b>not html</b>",
                "https://example.org/" + id, "en");
        SentimentLabel label = score > 0.1 ? SentimentLabel.POSITIVE : score < -0.1 ? SentimentLabel.NEGATIVE : SentimentLabel.NEUTRAL;
        return ScoredPost.of(post, new Sentiment(label, score, 0.75), List.of(entities), MODEL, SCORED_AT);
    }

    /** Writes the posts straight into their monthly indices (not through the indexer) and makes them searchable. */
    public static void write(ElasticsearchClient client, PostIndex index, List<ScoredPost> posts) throws IOException {
        BulkResponse response = client.bulk(b -> {
            b.refresh(Refresh.True);
            for (ScoredPost p : posts) {
                PostDocument doc = PostDocument.from(p);
                b.operations(op -> op.index(i -> i.index(index.indexFor(doc.publishedAt())).id(doc.id()).document(doc)));
            }
            return b;
        });
        if (response.errors()) {
            throw new IllegalStateException("fixture bulk failed: " + response.items());
        }
    }
}
