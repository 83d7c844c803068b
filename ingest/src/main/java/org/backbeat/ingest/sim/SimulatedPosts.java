package org.backbeat.ingest.sim;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.backbeat.core.Post;
import org.backbeat.core.PostIds;
import org.backbeat.ingest.PostSink;
import org.backbeat.ingest.ReplayStats;

/**
 * Generates simulated posts from a {@link Scenario}: a seed gives the same posts every time, so demos,
 * benchmarks and load tests are repeatable. The texts are short, plain-English opinions whose words a
 * sentiment model knows; they are simulated, never presented as real.
 */
public final class SimulatedPosts {

    public static final String SOURCE = "simulated";

    private static final List<String> POSITIVE = List.of(
            "I love %s, it works great.",
            "%s is awesome! The best way to listen to my music.",
            "Really happy with %s so far. Great job.",
            "%s is brilliant and so easy to use.",
            "Just tried %s and I am impressed. Excellent.",
            "Wow, %s sounds fantastic on my phone.");
    private static final List<String> NEGATIVE = List.of(
            "%s is terrible, what a disappointment.",
            "I hate how %s treats my library. Awful.",
            "%s keeps failing. Worst experience ever.",
            "So frustrated with %s. A bad, stupid move.",
            "%s is a waste of money and time.",
            "Sad and angry about %s today. Horrible.");
    private static final List<String> NEUTRAL = List.of(
            "%s announced new details today.",
            "Reading about %s this morning.",
            "Has anyone tried %s yet?",
            "%s will be available in the US.",
            "A new report on %s was published.",
            "%s is in the news again.");

    private final Scenario scenario;

    public SimulatedPosts(Scenario scenario) {
        this.scenario = scenario;
    }

    public Scenario scenario() {
        return scenario;
    }

    /** All posts of the scenario, ordered by publication time. Same seed, same posts. */
    public List<Post> generate(long seed) {
        Random random = new Random(seed);
        List<Post> posts = new ArrayList<>();
        long days = ChronoUnit.DAYS.between(scenario.start(), scenario.end()) + 1;
        for (long d = 0; d < days; d++) {
            LocalDate day = scenario.start().plusDays(d);
            for (Scenario.Voice voice : scenario.voices()) {
                double volume = voice.postsPerDay() * volumeFactor(voice.entityId(), day);
                double shift = positiveShift(voice.entityId(), day);
                double positive = clamp(voice.positiveShare() + shift, 0, 1);
                double negative = clamp(voice.negativeShare() - shift, 0, 1 - positive);
                int count = poisson(volume, random);
                for (int i = 0; i < count; i++) {
                    posts.add(post(seed, posts.size(), day, voice, positive, negative, random));
                }
            }
        }
        addStorms(seed, posts);
        posts.sort(Comparator.comparing(Post::publishedAt).thenComparing(Post::id));
        return posts;
    }

    /** The storms' posts, from their own random stream so the everyday posts stay those of the seed. */
    private void addStorms(long seed, List<Post> posts) {
        Random random = new Random(seed * 31 + 7);
        int s = 0;
        for (Scenario.Storm storm : scenario.storms()) {
            Instant first = storm.date().atTime(9, 0).toInstant(ZoneOffset.UTC);
            posts.add(Post.of(PostIds.of(SOURCE, seed + "-storm-" + s + "-0"), SOURCE, first, storm.author(), null,
                    storm.text(), null, "en"));
            for (int i = 1; i <= storm.retweets(); i++) {
                posts.add(Post.of(PostIds.of(SOURCE, seed + "-storm-" + s + "-" + i), SOURCE,
                        first.plusSeconds(60 + random.nextInt(8 * 3600)), "sim_rt_" + s + "_" + i, null,
                        "RT @" + storm.author() + ": " + storm.text(), null, "en"));
            }
            s++;
        }
    }

    private Post post(long seed, int n, LocalDate day, Scenario.Voice voice, double positive, double negative,
                      Random random) {
        double roll = random.nextDouble();
        List<String> templates = roll < positive ? POSITIVE : roll < positive + negative ? NEGATIVE : NEUTRAL;
        String mention = voice.mentions().get(random.nextInt(voice.mentions().size()));
        String text = String.format(templates.get(random.nextInt(templates.size())), mention);
        Instant at = day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(random.nextInt(86_400));
        return Post.of(PostIds.of(SOURCE, seed + "-" + n), SOURCE, at, "sim_user_" + random.nextInt(5_000),
                null, text, null, "en");
    }

    private double volumeFactor(String entityId, LocalDate day) {
        double factor = 1;
        for (Scenario.Event e : scenario.events()) {
            long since = ChronoUnit.DAYS.between(e.date(), day);
            if (e.entityId().equals(entityId) && since >= 0) {
                factor += (e.volumeFactor() - 1) * Math.pow(0.5, since / e.halfLifeDays());
            }
        }
        return factor;
    }

    private double positiveShift(String entityId, LocalDate day) {
        return scenario.events().stream()
                .filter(e -> e.entityId().equals(entityId) && !day.isBefore(e.date()))
                .mapToDouble(Scenario.Event::positiveShift)
                .sum();
    }

    /** Sends the posts of {@code seed} to {@code sink}, in time order, and flushes it. */
    public ReplayStats replay(long seed, PostSink sink) {
        List<Post> posts = generate(seed);
        posts.forEach(sink::accept);
        sink.flush();
        return new ReplayStats(posts.size(), posts.size(), 0);
    }

    /** Knuth's method: fine for the small daily means of a simulation. */
    static int poisson(double mean, Random random) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            k++;
            product *= random.nextDouble();
        }
        return k;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
