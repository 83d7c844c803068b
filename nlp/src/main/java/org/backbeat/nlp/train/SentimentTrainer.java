package org.backbeat.nlp.train;

import edu.stanford.nlp.optimization.AbstractCachingDiffFunction;
import edu.stanford.nlp.optimization.QNMinimizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.backbeat.core.SentimentLabel;
import org.backbeat.nlp.sentiment.CalibratedScorer;
import org.backbeat.nlp.sentiment.SoftmaxModel;

/**
 * Trains the {@link SoftmaxModel}: multinomial logistic regression with an L2 penalty, minimised with
 * CoreNLP's L-BFGS ({@link QNMinimizer}) from zero weights, so the same data gives the same model.
 *
 * <p>Class balance: every (corpus, class) cell weighs the same within a corpus ({@code share / 3} of the
 * corpus's share of the total), so neither airline tweets' 63% negatives nor the phrasebank's 61% neutrals
 * teach a prior; weights are scaled to sum to the number of examples. Sparse features (words, bigrams,
 * emoji, emoticons) are kept when at least {@code minCount} training texts have them.
 *
 * <p>Calibration: per-class offsets added to the logits, chosen on the calibration split by a grid search
 * (step 0.05 in [-1.5, 1.5] for negative and positive, neutral fixed at 0) to maximise the mean over the
 * calibration corpora of macro-averaged recall.
 */
public final class SentimentTrainer {

    /** One text's gold label, corpus and features. */
    public record Example(String set, SentimentLabel gold, Map<String, Double> features) {
    }

    /**
     * Training settings.
     *
     * @param version   model version to record
     * @param shares    corpus to its share of the training weight (corpora not named are not trained on)
     * @param l2        L2 penalty on the weights (not the biases)
     * @param minCount  least number of training texts a sparse feature must occur in (emoji and emoticon
     *                  features: at most 3)
     * @param symbolPenaltyScale the L2 penalty of emoji and emoticon features relative to {@code l2}
     * @param densePenaltyScale  the L2 penalty of the dense features (CoreNLP, lexicon, intensity, form) relative to {@code l2}
     */
    public record Options(String version, Map<String, Double> shares, double l2, int minCount, double symbolPenaltyScale,
                          double densePenaltyScale) {
    }

    private SentimentTrainer() {
    }

    /** Trains on {@code train}, then fits the offsets on {@code calibration}. */
    public static SoftmaxModel train(List<Example> train, List<Example> calibration, Options options) {
        SoftmaxModel raw = fit(train, options);
        double[] offsets = fitOffsets(raw, calibration);
        Map<String, Object> info = new LinkedHashMap<>(raw.training());
        info.put("offsets_fit_on", "calibration split of " + sets(calibration) + ", " + calibration.size() + " texts");
        return new SoftmaxModel(raw.version(), raw.bias(), offsets, raw.weights(), info);
    }

    /** The logistic regression without offsets. */
    public static SoftmaxModel fit(List<Example> all, Options options) {
        List<Example> train = all.stream().filter(e -> options.shares().containsKey(e.set())).toList();
        // Features: dense ones always, sparse ones seen in at least minCount texts.
        Map<String, Integer> df = new HashMap<>();
        for (Example e : train) {
            for (String f : e.features().keySet()) {
                df.merge(f, 1, Integer::sum);
            }
        }
        Map<String, Integer> index = new TreeMap<>();
        for (Map.Entry<String, Integer> f : new TreeMap<>(df).entrySet()) {
            int least = isSymbol(f.getKey()) ? Math.min(3, options.minCount()) : options.minCount();
            if (!isSparse(f.getKey()) || f.getValue() >= least) {
                index.put(f.getKey(), 0);
            }
        }
        List<String> names = new ArrayList<>(index.keySet());
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        // Weights: each (corpus, class) cell gets share/3 of the corpus's weight.
        Map<String, long[]> counts = new HashMap<>();
        for (Example e : train) {
            counts.computeIfAbsent(e.set(), s -> new long[3])[e.gold().ordinal()]++;
        }
        double shareSum = 0;
        for (String set : counts.keySet()) {
            shareSum += options.shares().get(set);
        }
        int n = train.size();
        int[][] idx = new int[n][];
        double[][] val = new double[n][];
        int[] gold = new int[n];
        double[] weight = new double[n];
        for (int i = 0; i < n; i++) {
            Example e = train.get(i);
            long[] c = counts.get(e.set());
            int present = (c[0] > 0 ? 1 : 0) + (c[1] > 0 ? 1 : 0) + (c[2] > 0 ? 1 : 0);
            weight[i] = n * options.shares().get(e.set()) / shareSum / present / c[e.gold().ordinal()];
            gold[i] = e.gold().ordinal();
            List<int[]> pairs = new ArrayList<>();
            int k = 0;
            int[] ix = new int[e.features().size()];
            double[] vx = new double[e.features().size()];
            for (Map.Entry<String, Double> f : e.features().entrySet()) {
                Integer j = index.get(f.getKey());
                if (j != null && f.getValue() != 0) {
                    ix[k] = j;
                    vx[k++] = f.getValue();
                }
            }
            idx[i] = java.util.Arrays.copyOf(ix, k);
            val[i] = java.util.Arrays.copyOf(vx, k);
        }
        int features = names.size();
        double[] scale = new double[features];
        for (int j = 0; j < features; j++) {
            String name = names.get(j);
            scale[j] = isSymbol(name) ? options.symbolPenaltyScale() : isSparse(name) ? 1 : options.densePenaltyScale();
        }
        Objective objective = new Objective(idx, val, gold, weight, features, options.l2(), scale);
        QNMinimizer minimizer = new QNMinimizer(15);
        minimizer.shutUp();
        double[] x = minimizer.minimize(objective, 1e-6, new double[features * 3 + 3], 1000);

        Map<String, double[]> weights = new HashMap<>();
        for (int j = 0; j < features; j++) {
            double[] w = {x[j * 3], x[j * 3 + 1], x[j * 3 + 2]};
            if (w[0] != 0 || w[1] != 0 || w[2] != 0) {
                weights.put(names.get(j), w);
            }
        }
        double[] bias = {x[features * 3], x[features * 3 + 1], x[features * 3 + 2]};
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("trained_on", "train split of " + new TreeMap<>(counts.keySet().stream().collect(
                java.util.stream.Collectors.toMap(s -> s, s -> java.util.Arrays.stream(counts.get(s)).sum()))));
        info.put("shares", new TreeMap<>(options.shares()));
        info.put("l2", options.l2());
        info.put("min_count", options.minCount());
        info.put("symbol_penalty_scale", options.symbolPenaltyScale());
        info.put("dense_penalty_scale", options.densePenaltyScale());
        info.put("features", features);
        return new SoftmaxModel(options.version(), bias, new double[3], weights, info);
    }

    /** Offsets maximising the mean macro-recall over the corpora of {@code calibration}. */
    public static double[] fitOffsets(SoftmaxModel model, List<Example> calibration) {
        if (calibration.isEmpty()) {
            return new double[3];
        }
        List<String> sets = sets(calibration);
        double[][] logp = new double[calibration.size()][];
        int[] gold = new int[calibration.size()];
        int[] set = new int[calibration.size()];
        for (int i = 0; i < calibration.size(); i++) {
            double[] p = model.probabilities(calibration.get(i).features());
            logp[i] = new double[] {Math.log(p[0]), Math.log(p[1]), Math.log(p[2])};
            gold[i] = calibration.get(i).gold().ordinal();
            set[i] = sets.indexOf(calibration.get(i).set());
        }
        double best = -1;
        double[] bestOffsets = new double[3];
        for (int a = -30; a <= 30; a++) {
            for (int b = -30; b <= 30; b++) {
                double[] o = {a * 0.05, 0, b * 0.05};
                long[][][] m = new long[sets.size()][3][3];
                for (int i = 0; i < logp.length; i++) {
                    int pred = argmax(logp[i][0] + o[0], logp[i][1], logp[i][2] + o[2]);
                    m[set[i]][gold[i]][pred]++;
                }
                double mean = 0;
                for (long[][] cm : m) {
                    mean += new Metrics(cm, Double.NaN).macroRecall();
                }
                mean /= sets.size();
                // Strictly better only: among equals the smallest offsets (visited first from the middle) would be
                // nicer, but the grid order is fixed, so the result is deterministic either way.
                if (mean > best + 1e-12) {
                    best = mean;
                    bestOffsets = o;
                }
            }
        }
        return bestOffsets;
    }

    /** The label {@link CalibratedScorer#sentiment} would give: ties go to neutral, then negative. */
    static int argmax(double neg, double neu, double pos) {
        int best = 1;
        double v = neu;
        if (neg > v) {
            best = 0;
            v = neg;
        }
        if (pos > v) {
            best = 2;
        }
        return best;
    }

    /** Emoji and emoticon features: rare in the corpora, but they mean the same in every domain. */
    static boolean isSymbol(String feature) {
        return feature.startsWith("e:") || feature.startsWith("ew:") || feature.startsWith("o:");
    }

    static boolean isSparse(String feature) {
        return feature.startsWith("w:") || feature.startsWith("b:") || feature.startsWith("e:")
                || feature.startsWith("ew:") || feature.startsWith("o:");
    }

    private static List<String> sets(List<Example> examples) {
        return examples.stream().map(Example::set).distinct().sorted().toList();
    }

    /** Weighted negative log-likelihood plus the L2 penalty, and its gradient. */
    private static final class Objective extends AbstractCachingDiffFunction {
        private final int[][] idx;
        private final double[][] val;
        private final int[] gold;
        private final double[] weight;
        private final int features;
        private final double l2;
        private final double[] scale;

        Objective(int[][] idx, double[][] val, int[] gold, double[] weight, int features, double l2, double[] scale) {
            this.scale = scale;
            this.idx = idx;
            this.val = val;
            this.gold = gold;
            this.weight = weight;
            this.features = features;
            this.l2 = l2;
        }

        @Override
        public int domainDimension() {
            return features * 3 + 3;
        }

        @Override
        protected void calculate(double[] x) {
            double v = 0;
            double[] g = new double[x.length];
            int biasAt = features * 3;
            double[] z = new double[3];
            for (int i = 0; i < idx.length; i++) {
                for (int c = 0; c < 3; c++) {
                    z[c] = x[biasAt + c];
                }
                int[] ix = idx[i];
                double[] vx = val[i];
                for (int k = 0; k < ix.length; k++) {
                    int at = ix[k] * 3;
                    z[0] += x[at] * vx[k];
                    z[1] += x[at + 1] * vx[k];
                    z[2] += x[at + 2] * vx[k];
                }
                double max = Math.max(z[0], Math.max(z[1], z[2]));
                double sum = Math.exp(z[0] - max) + Math.exp(z[1] - max) + Math.exp(z[2] - max);
                double logSum = max + Math.log(sum);
                v -= weight[i] * (z[gold[i]] - logSum);
                for (int c = 0; c < 3; c++) {
                    double d = weight[i] * (Math.exp(z[c] - logSum) - (c == gold[i] ? 1 : 0));
                    g[biasAt + c] += d;
                    for (int k = 0; k < ix.length; k++) {
                        g[ix[k] * 3 + c] += d * vx[k];
                    }
                }
            }
            for (int j = 0; j < biasAt; j++) {
                double penalty = l2 * scale[j / 3];
                v += 0.5 * penalty * x[j] * x[j];
                g[j] += penalty * x[j];
            }
            value = v;
            derivative = g;
        }
    }
}
