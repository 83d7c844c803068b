package org.backbeat.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.backbeat.core.Engagement;
import org.backbeat.core.EntitySentiment;
import org.backbeat.core.Post;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.Sentiment;
import org.backbeat.core.SentimentLabel;
import org.backbeat.core.TopicMatch;
import org.backbeat.index.testing.Fixtures;

/**
 * Contract-v2 posts around the Amazon Cloud Drive launch (29 March 2011), generated from a fixed seed: four
 * posts a day about Amazon from 15 March to 11 April, opinion of Amazon rising at the launch; every third also
 * about UMG with its own targeted sentiment; every seventh unscored (German); topics, engagement and sources
 * varied; a hostile text; and a few Spotify posts in April. Expected values are computed from these records,
 * never from Elasticsearch.
 */
final class ApiFixtures {

    static final LocalDate FIRST_DAY = LocalDate.parse("2011-03-15");
    static final LocalDate LAUNCH = LocalDate.parse("2011-03-29");
    static final int DAYS = 28;
    static final String HOSTILE_ID = "twitter:hostile";
    static final String HOSTILE_TEXT = "<img src=x onerror=window.__xss=1> Amazon Cloud Drive";
    static final String MOST_ENGAGED_ID = "twitter:spotify-3";

    private ApiFixtures() {
    }

    static List<ScoredPost> posts() {
        Random random = new Random(20110329);
        List<ScoredPost> posts = new ArrayList<>();
        int n = 0;
        for (int d = 0; d < DAYS; d++) {
            LocalDate day = FIRST_DAY.plusDays(d);
            boolean after = !day.isBefore(LAUNCH);
            for (int hour : new int[] {2, 8, 14, 20}) {
                n++;
                Instant time = day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
                String source = n % 4 == 0 ? "rss" : "twitter";
                String id = source + ":amazon-" + n;
                boolean alsoUmg = n % 3 == 0;
                List<String> entities = alsoUmg ? List.of("umg", "amazon") : List.of("amazon");
                List<TopicMatch> topics = new ArrayList<>();
                if (after && n % 2 == 0) {
                    topics.add(new TopicMatch("launch", List.of("launches")));
                }
                if (n % 5 == 0) {
                    topics.add(new TopicMatch("lawsuit", List.of("sue")));
                }
                Post post = new Post(Post.SCHEMA_VERSION, id, source, time, "author-" + (n % 9), source.equals("rss") ? "Headline " + n : null,
                        "Amazon post " + n, "https://example.org/" + n, n % 7 == 0 ? "de" : "en",
                        new Engagement((long) (n * 7 % 40), (long) (n % 5), null, n % 11 == 0 ? 3L : null),
                        null, null, null, null, null);
                if (n % 7 == 0) {
                    posts.add(ScoredPost.unscored(post, entities, topics, "test-model-2", "tax-1",
                            "language de is not scored", Fixtures.SCORED_AT));
                    continue;
                }
                double postScore = round(random.nextDouble() * 1.6 - 0.8);
                double amazonScore = round((after ? 0.3 : -0.1) + random.nextGaussian() * 0.25);
                List<EntitySentiment> targeted = new ArrayList<>();
                // every other post has a targeted Amazon sentiment; the others fall back to the post's
                if (n % 2 == 1) {
                    targeted.add(new EntitySentiment("amazon", sentiment(amazonScore), List.of("Amazon")));
                }
                if (alsoUmg) {
                    targeted.add(new EntitySentiment("umg", sentiment(round(-0.4 + random.nextGaussian() * 0.2)), List.of("UMG")));
                }
                posts.add(new ScoredPost(ScoredPost.SCHEMA_VERSION, post, sentiment(postScore), entities, targeted, topics,
                        "test-model-2", "tax-1", null, Fixtures.SCORED_AT));
            }
        }
        Post hostile = new Post(Post.SCHEMA_VERSION, HOSTILE_ID, "twitter", Instant.parse("2011-03-30T12:00:00Z"), "mallory",
                null, HOSTILE_TEXT, "https://example.org/hostile", "en", null, null, null, null, null, null);
        posts.add(new ScoredPost(ScoredPost.SCHEMA_VERSION, hostile, sentiment(-0.2), List.of("amazon"),
                List.of(new EntitySentiment("amazon", sentiment(-0.99), List.of("Amazon"))), List.of(), "test-model-2",
                "tax-1", null, Fixtures.SCORED_AT));
        for (int i = 1; i <= 5; i++) {
            Post p = new Post(Post.SCHEMA_VERSION, "twitter:spotify-" + i, "twitter", Instant.parse("2011-04-0" + i + "T10:00:00Z"),
                    "fan-" + i, null, "Spotify post " + i, null, "en", new Engagement(i == 3 ? 5000L : (long) i, 0L, 0L, 0L),
                    null, null, null, null, null);
            posts.add(ScoredPost.of(p, sentiment(round(0.1 * i)), List.of("spotify"), "test-model-2", Fixtures.SCORED_AT));
        }
        return posts;
    }

    /** The score of a post towards an entity: the targeted one, else the post's; null when unscored. */
    static Double scoreTowards(ScoredPost post, String entity) {
        if (entity == null) {
            return post.sentiment() == null ? null : post.sentiment().score();
        }
        for (EntitySentiment es : post.entitySentiments()) {
            if (es.entity().equals(entity)) {
                return es.sentiment().score();
            }
        }
        return post.sentiment() == null ? null : post.sentiment().score();
    }

    static SentimentLabel labelTowards(ScoredPost post, String entity) {
        for (EntitySentiment es : post.entitySentiments()) {
            if (es.entity().equals(entity)) {
                return es.sentiment().label();
            }
        }
        return post.sentiment() == null ? null : post.sentiment().label();
    }

    static Sentiment sentiment(double score) {
        SentimentLabel label = score > 0.1 ? SentimentLabel.POSITIVE : score < -0.1 ? SentimentLabel.NEGATIVE : SentimentLabel.NEUTRAL;
        return new Sentiment(label, Math.max(-1, Math.min(1, score)), 0.7);
    }

    private static double round(double x) {
        return Math.max(-1, Math.min(1, Math.round(x * 1000) / 1000.0));
    }
}
