package org.backbeat.nlp.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.backbeat.core.Catalogue;
import org.backbeat.core.EntitySentiment;
import org.backbeat.core.Post;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.Sentiment;
import org.backbeat.core.SentimentLabel;
import org.backbeat.core.TextToken;
import org.backbeat.core.TextTokens;
import org.backbeat.core.TrackedEntity;
import org.backbeat.nlp.entities.TargetedSentiment;
import org.backbeat.nlp.pipeline.PostAnalyzer;
import org.backbeat.nlp.sentiment.Scorer;
import org.backbeat.nlp.topics.TopicTaxonomy;

/**
 * Entity-targeted against post-level sentiment on a SemEval subtask B file ({@code id <TAB> topic <TAB> label <TAB>
 * text}, labels positive / negative about the topic), with one scorer in one run: SemEval-2016 Task 4 subtask B's
 * measure, the recall of positive and of negative averaged (2 classes).
 *
 * <p>The topic is an ad-hoc target, not a catalogue entity: each topic becomes one {@link TrackedEntity}
 * ({@link #topicEntity}) added to the default catalogue (so production's "several subjects" rule still sees
 * the catalogue's entities), and the targeted label is that entity's. Where the text does not name the topic,
 * the targeted methods fall back to the post-level label. A 3-class prediction becomes 2 classes by
 * {@link #twoClass}: neutral takes the sign of the score, P(positive) − P(negative).
 *
 * <p>The sentiment model trained on SemEval subtask A tweets; rows whose tweet id is in a subtask A file it
 * trains on, or whose {@link LabelledSets#dedupKey} is that of a text it trained or was calibrated on, are
 * counted and left out of the headline figures ({@link #trainedOn}).
 */
public final class SemEvalTargetedEval {

    /** One row of a subtask B/D file. */
    public record Row(String id, String topic, SentimentLabel gold, String text) {
    }

    /** The confusion of a 2-class prediction: {@code counts[gold][predicted]}, 0 negative, 1 positive. */
    public static final class PosNegConfusion {
        final long[][] counts = new long[2][2];

        synchronized void add(SentimentLabel gold, SentimentLabel predicted) {
            counts[index(gold)][index(predicted)]++;
        }

        private static int index(SentimentLabel label) {
            return switch (label) {
                case NEGATIVE -> 0;
                case POSITIVE -> 1;
                case NEUTRAL -> throw new IllegalArgumentException("a 2-class confusion has no neutral");
            };
        }

        public long count(SentimentLabel gold, SentimentLabel predicted) {
            return counts[index(gold)][index(predicted)];
        }

        public long total() {
            return counts[0][0] + counts[0][1] + counts[1][0] + counts[1][1];
        }

        public double accuracy() {
            return total() == 0 ? 0 : (double) (counts[0][0] + counts[1][1]) / total();
        }

        /** Recall of {@code label}, 0 when the gold has none of it. */
        public double recall(SentimentLabel label) {
            int k = index(label);
            long row = counts[k][0] + counts[k][1];
            return row == 0 ? 0 : (double) counts[k][k] / row;
        }

        /** SemEval-2016 subtask B's measure: the mean of the recalls of positive and negative. */
        public double macroRecall() {
            return (recall(SentimentLabel.NEGATIVE) + recall(SentimentLabel.POSITIVE)) / 2;
        }
    }

    /**
     * What one method predicted for one row.
     *
     * @param predicted the 3-class label the method gave
     * @param score     its score, P(positive) − P(negative) for a whole text
     */
    public record Prediction(SentimentLabel predicted, double score) {

        public SentimentLabel twoClass() {
            return SemEvalTargetedEval.twoClass(predicted, score);
        }
    }

    /**
     * One row's outcome: whether the text names the topic, whether the model may have trained on it (its tweet id is
     * in a subtask A file the model reads, or its dedup key is that of a text the model trained or was calibrated on),
     * and each method's prediction.
     */
    public record Outcome(Row row, boolean topicFound, boolean trainedOn, List<Prediction> predictions) {
    }

    /**
     * The results of one run.
     *
     * @param seenById  rows whose tweet id is in a subtask A file the model trains on
     * @param seenByText rows whose dedup key is that of a text the model trained or was calibrated on
     */
    public record Result(List<String> names, List<Outcome> outcomes, int seenById, int seenByText, long analyseCalls,
                         long clauseCalls, double seconds) {

        /** The confusion of method {@code method} over the outcomes {@code which} accepts. */
        public PosNegConfusion confusion(int method, Predicate<Outcome> which) {
            PosNegConfusion c = new PosNegConfusion();
            for (Outcome o : outcomes) {
                if (which.test(o)) {
                    c.add(o.row().gold(), o.predictions().get(method).twoClass());
                }
            }
            return c;
        }

        public long count(Predicate<Outcome> which) {
            return outcomes.stream().filter(which).count();
        }
    }

    private SemEvalTargetedEval() {
    }

    /**
     * The rows of a subtask B/D file, in file order: the text unquoted and unescaped as {@link LabelledSets} reads
     * subtask A; rows without a positive or negative label, blank ones and "Not Available" left out.
     */
    public static List<Row> read(Path file) throws IOException {
        List<Row> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] cols = line.split("\t", 5);
            if (cols.length < 4) {
                continue;
            }
            String label = cols[2].trim().toLowerCase(Locale.ROOT);
            SentimentLabel gold = label.equals("positive") ? SentimentLabel.POSITIVE
                    : label.equals("negative") ? SentimentLabel.NEGATIVE : null;
            String text = LabelledSets.semevalText(cols[3]);
            if (gold != null && !text.isBlank() && !text.equals("Not Available")) {
                out.add(new Row(cols[0].trim(), cols[1].trim(), gold, text));
            }
        }
        return out;
    }

    /**
     * The 2-class label of a 3-class prediction: positive and negative stay; neutral takes the sign of the
     * score (P(positive) − P(negative)), a score of exactly 0 going to positive, the majority class of the
     * subtask B data.
     */
    public static SentimentLabel twoClass(SentimentLabel predicted, double score) {
        if (predicted != SentimentLabel.NEUTRAL) {
            return predicted;
        }
        return score < 0 ? SentimentLabel.NEGATIVE : SentimentLabel.POSITIVE;
    }

    /** The id of the ad-hoc topic entity. */
    static final String TOPIC_ID = "semeval-topic";

    /**
     * A topic as an entity: the topic as written (any case, on tokens, so "Kanye West's" names "kanye west"), and
     * its letters and digits run together as a hashtag and a handle ("#kanyewest", "@kanyewest").
     */
    public static TrackedEntity topicEntity(String topic) {
        String compact = topic.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "");
        List<String> tags = compact.isEmpty() ? List.of() : List.of(compact);
        return new TrackedEntity(TOPIC_ID, topic, "topic", null, List.of(topic), List.of(), tags, tags);
    }

    /**
     * The default catalogue plus the topic entity. A catalogue entity that claims one of the topic's terms is left
     * out (with its products), so the topic is the one target of those words.
     */
    public static Catalogue withTopic(Catalogue base, String topic) {
        TrackedEntity target = topicEntity(topic);
        Set<String> topicTerms = terms(target);
        Set<String> dropped = new HashSet<>();
        boolean more = true;
        while (more) {
            more = false;
            for (TrackedEntity e : base.entities()) {
                if (!dropped.contains(e.id()) && (e.parent() != null && dropped.contains(e.parent())
                        || terms(e).stream().anyMatch(topicTerms::contains))) {
                    dropped.add(e.id());
                    more = true;
                }
            }
        }
        List<TrackedEntity> entities = new ArrayList<>(base.entities().stream().filter(e -> !dropped.contains(e.id())).toList());
        entities.add(target);
        return Catalogue.of(base.version() + "+topic", entities);
    }

    /** An entity's aliases, handles and hashtags as lower-case token sequences (how the catalogue keys them). */
    private static Set<String> terms(TrackedEntity e) {
        Set<String> out = new HashSet<>();
        List<String> all = new ArrayList<>(e.aliases());
        all.addAll(e.exactCase());
        e.handles().forEach(h -> all.add("@" + h));
        e.hashtags().forEach(h -> all.add("#" + h));
        for (String term : all) {
            out.add(String.join(" ", TextTokens.tokenize(term).stream().map(TextToken::lower).toList()));
        }
        return out;
    }

    /** The tweet ids of the subtask A files the model trains on. */
    static Set<String> trainingIds(Path data) throws IOException {
        Set<String> ids = new HashSet<>();
        for (String file : LabelledSets.SEMEVAL_TWEET_FILES) {
            for (String line : Files.readAllLines(data.resolve("semeval_task4_2013_2016").resolve(file + ".tsv"), StandardCharsets.UTF_8)) {
                ids.add(line.split("\t", 2)[0].trim());
            }
        }
        return ids;
    }

    /** The dedup keys of the texts the standard model trained or was calibrated on (every split but {@link Split#TEST}). */
    static Set<String> trainingKeys(Path data) {
        Set<String> keys = new HashSet<>();
        for (LabelledText t : SentimentTraining.texts(data, set -> SentimentTraining.STANDARD.shares().containsKey(set)
                || SentimentTraining.CALIBRATION_SETS.contains(set))) {
            if (t.split() != Split.TEST) {
                keys.add(LabelledSets.dedupKey(t.text()));
            }
        }
        return keys;
    }

    /**
     * Runs every method on the rows of {@code file} (the first {@code limit} if positive).
     *
     * @param data the shared data folder, for the texts the model trained on
     */
    public static Result run(Path data, Path file, Scorer scorer, int threads, int limit) throws Exception {
        List<Row> rows = read(file);
        if (limit > 0 && rows.size() > limit) {
            rows = rows.subList(0, limit);
        }
        Set<String> ids = trainingIds(data);
        Set<String> keys = trainingKeys(data);

        TargetedSentimentEval.MemoScorer memo = new TargetedSentimentEval.MemoScorer(scorer);
        TargetedSentiment production = TargetedSentiment.defaults();
        TargetedSentiment.Rules rules = production.rules();
        List<String> names = List.of("post-level", "production: clauses among several", "every entity: its sentences",
                "every entity: its clauses, comparatives");
        List<TargetedSentiment> targeting = List.of(production, production,
                new TargetedSentiment(new TargetedSentiment.Rules(false, List.of(), List.of())),
                new TargetedSentiment(new TargetedSentiment.Rules(false, rules.contrastMarkers(), rules.comparatives())));
        Catalogue base = Catalogue.defaults();
        TopicTaxonomy topics = TopicTaxonomy.defaults();
        Clock clock = Clock.systemUTC();
        Map<String, List<PostAnalyzer>> analyzers = new HashMap<>();
        for (Row row : rows) {
            analyzers.computeIfAbsent(row.topic(), t -> {
                Catalogue catalogue = withTopic(base, t);
                return targeting.stream().map(rule -> new PostAnalyzer(catalogue, topics, rule, memo, clock)).toList();
            });
        }

        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        List<Outcome> outcomes = new ArrayList<>();
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Row row : rows) {
                futures.add(pool.submit(() -> outcome(row, analyzers.get(row.topic()), ids, keys)));
            }
            for (Future<Outcome> f : futures) {
                outcomes.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int seenById = (int) rows.stream().filter(r -> ids.contains(r.id())).count();
        int seenByText = (int) rows.stream().filter(r -> keys.contains(LabelledSets.dedupKey(r.text()))).count();
        return new Result(names, outcomes, seenById, seenByText, memo.analyseCalls.get(), memo.scoreCalls.get(), seconds);
    }

    private static Outcome outcome(Row row, List<PostAnalyzer> analyzers, Set<String> ids, Set<String> keys) {
        Post post = Post.of("semeval:" + row.id(), "semeval", Instant.EPOCH, null, null, row.text(), null, "en");
        boolean found = false;
        List<Prediction> predictions = new ArrayList<>();
        for (int m = 0; m < analyzers.size(); m++) {
            ScoredPost scored = analyzers.get(m).analyse(post);
            Sentiment s = scored.sentiment();
            if (m == 0) {
                found = scored.entities().contains(TOPIC_ID);
            } else if (found) {
                s = scored.entitySentiments().stream().filter(e -> e.entity().equals(TOPIC_ID))
                        .map(EntitySentiment::sentiment).findFirst().orElseThrow();
            }
            predictions.add(new Prediction(s.label(), s.score()));
        }
        boolean trainedOn = ids.contains(row.id()) || keys.contains(LabelledSets.dedupKey(row.text()));
        return new Outcome(row, found, trainedOn, predictions);
    }

    public static void print(Result r, String file, String model, PrintStream out) {
        out.printf("Topic-targeted vs post-level sentiment, SemEval subtask B, %s, model %s%n", file, model);
        long rows = r.outcomes().size();
        long unseen = r.count(o -> !o.trainedOn());
        out.printf("rows: %d; left out as possibly trained on: %d (tweet id in a subtask A file the model reads: %d; text with the dedup key "
                + "of a text it trained or was calibrated on: %d); %d rows never trained on%n", rows, rows - unseen, r.seenById(), r.seenByText(), unseen);
        out.printf("topic named in the text: %d of the %d unseen rows (%.1f%%); untagged rows take the post-level label%n",
                r.count(o -> !o.trainedOn() && o.topicFound()), unseen, 100.0 * r.count(o -> !o.trainedOn() && o.topicFound()) / Math.max(1, unseen));
        out.printf("2 classes: a neutral prediction takes the sign of its score, P(pos) - P(neg); neutral→2: rows predicted neutral; "
                + "≠ post: rows whose 2-class label differs from the post-level one%n");
        out.printf("scorer calls: %d texts analysed, %d clauses scored on their own; %.0f s%n", r.analyseCalls(), r.clauseCalls(), r.seconds());
        table(out, "rows the model never trained on", r, o -> !o.trainedOn());
        table(out, "rows the model never trained on, topic named in the text", r, o -> !o.trainedOn() && o.topicFound());
        table(out, "every row (including the ones the model trained on)", r, o -> true);
    }

    private static void table(PrintStream out, String title, Result r, Predicate<Outcome> which) {
        out.printf("%n%s, n=%d%n", title, r.count(which));
        out.printf("| %-40s | %12s | %8s | %8s | %8s | %10s | %10s | %-23s |%n", "method", "macro-recall", "accuracy", "R(neg)", "R(pos)",
                "neutral→2", "≠ post", "confusion nn np / pn pp");
        out.printf("|%s|%s|%s|%s|%s|%s|%s|%s|%n", "-".repeat(42), "-".repeat(14), "-".repeat(10), "-".repeat(10), "-".repeat(10),
                "-".repeat(12), "-".repeat(12), "-".repeat(25));
        for (int m = 0; m < r.names().size(); m++) {
            int method = m;
            PosNegConfusion c = r.confusion(m, which);
            long neutral = r.count(o -> which.test(o) && o.predictions().get(method).predicted() == SentimentLabel.NEUTRAL);
            long differs = r.count(o -> which.test(o) && o.predictions().get(method).twoClass() != o.predictions().get(0).twoClass());
            String confusion = String.format(Locale.ROOT, "%d %d / %d %d", c.counts[0][0], c.counts[0][1], c.counts[1][0], c.counts[1][1]);
            out.printf("| %-40s | %12.3f | %8.3f | %8.3f | %8.3f | %10d | %10d | %-23s |%n", r.names().get(m), c.macroRecall(), c.accuracy(),
                    c.recall(SentimentLabel.NEGATIVE), c.recall(SentimentLabel.POSITIVE), neutral, differs, confusion);
        }
    }
}
