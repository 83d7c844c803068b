package org.backbeat.nlp.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.backbeat.core.Catalogue;
import org.backbeat.core.EntitySentiment;
import org.backbeat.core.Json;
import org.backbeat.core.Post;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.Sentiment;
import org.backbeat.core.SentimentLabel;
import org.backbeat.core.TrackedEntity;
import org.backbeat.nlp.entities.TargetedSentiment;
import org.backbeat.nlp.pipeline.PostAnalyzer;
import org.backbeat.nlp.sentiment.Scorer;
import org.backbeat.nlp.sentiment.TextSentiment;
import org.backbeat.nlp.topics.TopicTaxonomy;

/**
 * Does entity-targeted sentiment beat post-level sentiment? Measured on the CrowdFlower SXSW 2011 set
 * (tweet, brand or product, emotion towards it): for every row with a brand and a positive, negative or
 * no-emotion label, the post-level label and the targeted label of that brand's entity, from one scorer
 * in one run. Variants of the targeting rules (every entity from its sentences; every entity from its
 * clauses with comparatives; production: clauses only among several entities) share a memo of scorer
 * results, so each distinct text or clause is scored once.
 *
 * <p>The brands are devices (iPad, iPhone, Android), which the music catalogue does not track: the run
 * adds {@code sxsw2011-entities.json} to the default catalogue.
 */
public final class TargetedSentimentEval {

    private static final String EVAL_ENTITIES = "sxsw2011-entities.json";
    public static final String DATA_FILE = "crowdflower_brands_sxsw2011/judge-1377884607_tweet_product_company.csv";

    /** Confusion counts of one method: [gold][predicted] over NEGATIVE, NEUTRAL, POSITIVE. */
    static final class Confusion {
        final long[][] counts = new long[3][3];

        synchronized void add(SentimentLabel gold, SentimentLabel predicted) {
            counts[gold.ordinal()][predicted.ordinal()]++;
        }

        long total() {
            long n = 0;
            for (long[] row : counts) {
                for (long c : row) {
                    n += c;
                }
            }
            return n;
        }

        double accuracy() {
            long right = 0;
            for (int i = 0; i < 3; i++) {
                right += counts[i][i];
            }
            return total() == 0 ? 0 : (double) right / total();
        }

        double recall(int label) {
            long row = 0;
            for (long c : counts[label]) {
                row += c;
            }
            return row == 0 ? 0 : (double) counts[label][label] / row;
        }

        double macroRecall() {
            return (recall(0) + recall(1) + recall(2)) / 3;
        }
    }

    /** A scorer that remembers what it said, so variants share scoring, and counts real calls. */
    static final class MemoScorer implements Scorer {
        private final Scorer inner;
        private final Map<String, Sentiment> scores = new ConcurrentHashMap<>();
        private final Map<String, TextSentiment> analyses = new ConcurrentHashMap<>();
        final AtomicLong scoreCalls = new AtomicLong();
        final AtomicLong analyseCalls = new AtomicLong();

        MemoScorer(Scorer inner) {
            this.inner = inner;
        }

        @Override
        public Sentiment score(String text) {
            return scores.computeIfAbsent(text, t -> {
                scoreCalls.incrementAndGet();
                return inner.score(t);
            });
        }

        @Override
        public TextSentiment analyse(String text) {
            return analyses.computeIfAbsent(text, t -> {
                analyseCalls.incrementAndGet();
                return inner.analyse(t);
            });
        }

        @Override
        public String model() {
            return inner.model();
        }
    }

    /** One way of choosing a row's label. */
    record Variant(String name, PostAnalyzer analyzer, boolean targeted) {
    }

    /** The results of one run. */
    record Result(int rows, int targetFound, List<String> names, List<Confusion> all, List<Confusion> found, List<Confusion> several,
                  long analyseCalls, long clauseCalls, double seconds) {
    }

    private TargetedSentimentEval() {
    }

    /** The default catalogue plus the SXSW devices. */
    static Catalogue evalCatalogue() {
        record File(String version, List<TrackedEntity> entities) {
        }
        try (InputStream in = TargetedSentimentEval.class.getResourceAsStream(EVAL_ENTITIES)) {
            File extra = Json.mapper().readValue(in, File.class);
            List<TrackedEntity> all = new ArrayList<>(Catalogue.defaults().entities());
            all.addAll(extra.entities());
            return Catalogue.of(extra.version(), all);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + EVAL_ENTITIES, e);
        }
    }

    /** The entity a CrowdFlower brand label names, as tagged in this row, or null if the tagger did not find it. */
    static String target(String brand, List<String> tagged) {
        List<String> candidates = switch (brand) {
            case "iPad" -> List.of("ipad");
            case "iPhone" -> List.of("iphone");
            case "iPad or iPhone App" -> List.of("ipad", "iphone", "apple");
            case "Apple", "Other Apple product or service" -> List.of("apple");
            case "Google", "Other Google product or service" -> List.of("google");
            case "Android", "Android App" -> List.of("android", "google");
            default -> List.of();
        };
        return candidates.stream().filter(tagged::contains).findFirst().orElse(null);
    }

    public static Result run(Path dataDir, Scorer scorer, int threads, int limit) throws Exception {
        return run(dataDir, scorer, threads, limit, false);
    }

    /**
     * @param heldOutOnly only the rows of the fixed test split ({@link org.backbeat.nlp.train.Split#TEST}), which the
     *                    calibrated scorer never trained on (it trains on the post-level labels of the other rows)
     */
    public static Result run(Path dataDir, Scorer scorer, int threads, int limit, boolean heldOutOnly) throws Exception {
        List<BrandEmotionCsv.Row> rows = BrandEmotionCsv.read(dataDir.resolve(DATA_FILE)).stream()
                .filter(r -> !r.brand().isEmpty() && r.emotion() != null && !r.text().isBlank())
                .filter(r -> !heldOutOnly || org.backbeat.nlp.train.Split.of(r.text()) == org.backbeat.nlp.train.Split.TEST)
                .limit(limit > 0 ? limit : Long.MAX_VALUE)
                .toList();
        Catalogue catalogue = evalCatalogue();
        MemoScorer memo = new MemoScorer(scorer);
        TargetedSentiment full = TargetedSentiment.defaults();
        TargetedSentiment.Rules rules = full.rules();
        Clock clock = Clock.systemUTC();
        TopicTaxonomy topics = TopicTaxonomy.defaults();
        List<Variant> variants = List.of(
                new Variant("post-level", new PostAnalyzer(catalogue, topics, full, memo, clock), false),
                new Variant("every entity: its sentences", new PostAnalyzer(catalogue, topics,
                        new TargetedSentiment(new TargetedSentiment.Rules(false, List.of(), List.of())), memo, clock), true),
                new Variant("every entity: its clauses, comparatives", new PostAnalyzer(catalogue, topics,
                        new TargetedSentiment(new TargetedSentiment.Rules(false, rules.contrastMarkers(), rules.comparatives())), memo, clock), true),
                new Variant("production: clauses among several", new PostAnalyzer(catalogue, topics, full, memo, clock), true));
        List<Confusion> all = variants.stream().map(v -> new Confusion()).toList();
        List<Confusion> found = variants.stream().map(v -> new Confusion()).toList();
        List<Confusion> several = variants.stream().map(v -> new Confusion()).toList();
        AtomicLong targetFound = new AtomicLong();

        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (BrandEmotionCsv.Row row : rows) {
                futures.add(pool.submit(() -> {
                    Post post = Post.of("sxsw:" + row.line(), "csv", Instant.EPOCH, null, null, row.text(), null, "en");
                    String target = null;
                    boolean manySubjects = TargetedSentiment.severalSubjects(catalogue.tag(row.text()));
                    for (int v = 0; v < variants.size(); v++) {
                        ScoredPost scored = variants.get(v).analyzer().analyse(post);
                        if (v == 0) {
                            target = target(row.brand(), scored.entities());
                            if (target != null) {
                                targetFound.incrementAndGet();
                            }
                        }
                        SentimentLabel predicted = scored.sentiment().label();
                        if (variants.get(v).targeted() && target != null) {
                            String t = target;
                            predicted = scored.entitySentiments().stream().filter(e -> e.entity().equals(t))
                                    .map(EntitySentiment::sentiment).findFirst().orElseThrow().label();
                        }
                        all.get(v).add(row.emotion(), predicted);
                        if (target != null) {
                            found.get(v).add(row.emotion(), predicted);
                            if (manySubjects) {
                                several.get(v).add(row.emotion(), predicted);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(rows.size(), (int) targetFound.get(), variants.stream().map(Variant::name).toList(), all, found, several,
                memo.analyseCalls.get(), memo.scoreCalls.get(), seconds);
    }

    public static void print(Result r, String model, PrintStream out) {
        out.printf("Entity-targeted vs post-level sentiment, CrowdFlower SXSW 2011, model %s%n", model);
        out.printf("rows with a brand and a positive/negative/no-emotion label: %d; target entity tagged in %d (%.1f%%)%n",
                r.rows(), r.targetFound(), 100.0 * r.targetFound() / Math.max(1, r.rows()));
        out.printf("scorer calls: %d texts analysed, %d clauses scored on their own (%.2f per text); %.0f s%n",
                r.analyseCalls(), r.clauseCalls(), (double) r.clauseCalls() / Math.max(1, r.analyseCalls()), r.seconds());
        table(out, "all rows (untagged target: post-level label)", r.names(), r.all());
        table(out, "rows whose target entity was tagged", r.names(), r.found());
        table(out, "rows whose target was tagged beside another, unrelated entity", r.names(), r.several());
    }

    private static void table(PrintStream out, String title, List<String> names, List<Confusion> confusions) {
        out.printf("%n%s, n=%d%n", title, confusions.get(0).total());
        out.printf("| %-38s | %8s | %12s | %8s | %8s | %8s |%n", "method", "accuracy", "macro-recall", "R(neg)", "R(neu)", "R(pos)");
        out.printf("|%s|%s|%s|%s|%s|%s|%n", "-".repeat(40), "-".repeat(10), "-".repeat(14), "-".repeat(10), "-".repeat(10), "-".repeat(10));
        for (int i = 0; i < names.size(); i++) {
            Confusion c = confusions.get(i);
            out.printf("| %-38s | %8.3f | %12.3f | %8.3f | %8.3f | %8.3f |%n", names.get(i), c.accuracy(), c.macroRecall(),
                    c.recall(0), c.recall(1), c.recall(2));
        }
    }
}
