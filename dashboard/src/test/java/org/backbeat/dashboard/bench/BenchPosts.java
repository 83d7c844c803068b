package org.backbeat.dashboard.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.backbeat.core.Engagement;
import org.backbeat.core.EntitySentiment;
import org.backbeat.core.Post;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.Sentiment;
import org.backbeat.core.SentimentLabel;
import org.backbeat.core.TopicMatch;

/**
 * A seeded generator of contract-v2 scored posts for the benchmark: {@code total} posts spread over 2011, each
 * about one or two of eight entities (targeted sentiment on half), with topics, sources, engagement, 5% unscored,
 * and opinion shifts at the seed events of 2011; one scored post in ten is a copy of its first entity's shared text of
 * the day (same text cluster, same score). Post {@code i} is always the same post.
 */
final class BenchPosts {

    static final String[] ENTITIES = {"amazon", "spotify", "umg", "sony-music", "wmg", "apple", "google", "emi"};
    static final String[] TOPICS = {"launch", "lawsuit", "licensing", "pricing", "outage", "deal"};
    static final String[] SOURCES = {"twitter", "twitter", "twitter", "rss", "mastodon", "bluesky"};
    static final LocalDate START = LocalDate.parse("2011-01-01");
    static final int DAYS = 365;
    /** Entity index → the day its opinion shifts (the 2011 seed events), or -1. */
    private static final int[] SHIFT_DAY = {
            day("2011-03-29"), day("2011-07-14"), day("2011-11-11"), -1, -1, day("2011-06-06"), day("2011-05-10"), day("2011-08-22")};

    private final long seed;
    private final int total;

    BenchPosts(long seed, int total) {
        this.seed = seed;
        this.total = total;
    }

    int total() {
        return total;
    }

    ScoredPost post(int i) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
        long startSecond = START.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long second = startSecond + (long) ((double) i / total * DAYS * 86_400) + r.nextInt(60);
        Instant time = Instant.ofEpochSecond(second);
        int day = (int) ((second - startSecond) / 86_400);
        int first = r.nextInt(ENTITIES.length);
        List<String> entities = new ArrayList<>();
        entities.add(ENTITIES[first]);
        if (r.nextInt(10) < 4) {
            String second2 = ENTITIES[(first + 1 + r.nextInt(ENTITIES.length - 1)) % ENTITIES.length];
            entities.add(second2);
        }
        List<TopicMatch> topics = new ArrayList<>();
        if (r.nextInt(3) == 0) {
            topics.add(new TopicMatch(TOPICS[r.nextInt(TOPICS.length)], List.of("word")));
        }
        String source = SOURCES[r.nextInt(SOURCES.length)];
        boolean unscored = r.nextInt(20) == 0;
        Post post = new Post(Post.SCHEMA_VERSION, "bench:" + i, source, time, "user_" + r.nextInt(50_000),
                source.equals("rss") ? "Headline " + i : null,
                "Simulated post " + i + " about " + String.join(" and ", entities), "https://example.org/p/" + i,
                unscored ? "de" : "en", new Engagement((long) r.nextInt(200), (long) r.nextInt(40), (long) r.nextInt(20), null),
                null, null, null, null, null);
        if (unscored) {
            return ScoredPost.unscored(post, entities, topics, "bench-model", "bench-tax", "language de is not scored",
                    time.plusSeconds(5));
        }
        Sentiment overall = sentiment(r.nextDouble() * 1.6 - 0.8);
        List<EntitySentiment> targeted = new ArrayList<>();
        for (String e : entities) {
            if (r.nextBoolean()) {
                int idx = index(e);
                double base = idx % 3 == 0 ? 0.1 : -0.05;
                double shift = SHIFT_DAY[idx] >= 0 && day >= SHIFT_DAY[idx] ? (idx % 2 == 0 ? 0.25 : -0.25) : 0;
                targeted.add(new EntitySentiment(e, sentiment(base + shift + r.nextDouble() * 0.8 - 0.4), List.of(e)));
            }
        }
        ScoredPost scored = new ScoredPost(ScoredPost.SCHEMA_VERSION, post, overall, entities, targeted, topics, "bench-model",
                "bench-tax", null, time.plusSeconds(5));
        if (r.nextInt(10) == 0) {
            // one post in ten is a copy of the day's widely shared text about its first entity, scored alike
            SplittableRandom text = new SplittableRandom(day * 31L + first);
            Sentiment shared = sentiment(text.nextDouble() * 1.6 - 0.8);
            List<EntitySentiment> copied = targeted.stream().map(t -> new EntitySentiment(t.entity(), shared, t.mentions())).toList();
            return new ScoredPost(ScoredPost.SCHEMA_VERSION, post, shared, entities, copied, topics, "bench-model", "bench-tax",
                    null, time.plusSeconds(5)).withTextCluster("bench-shared-" + ENTITIES[first] + "-" + day);
        }
        return scored;
    }

    private static Sentiment sentiment(double raw) {
        double score = Math.max(-1, Math.min(1, Math.round(raw * 1000) / 1000.0));
        SentimentLabel label = score > 0.1 ? SentimentLabel.POSITIVE : score < -0.1 ? SentimentLabel.NEGATIVE : SentimentLabel.NEUTRAL;
        return new Sentiment(label, score, 0.6);
    }

    private static int index(String entity) {
        for (int i = 0; i < ENTITIES.length; i++) {
            if (ENTITIES[i].equals(entity)) {
                return i;
            }
        }
        throw new IllegalArgumentException(entity);
    }

    private static int day(String date) {
        return (int) (LocalDate.parse(date).toEpochDay() - START.toEpochDay());
    }
}
