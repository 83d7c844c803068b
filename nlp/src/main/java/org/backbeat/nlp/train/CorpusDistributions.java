package org.backbeat.nlp.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.backbeat.nlp.sentiment.CoreNlpScorer;
import org.backbeat.nlp.sentiment.TextNormaliser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills a {@link CoreNlpCache} with CoreNLP's distributions of the normalised texts of labelled sets,
 * on a few threads sharing one pipeline, logging progress.
 */
public final class CorpusDistributions {

    private static final Logger log = LoggerFactory.getLogger(CorpusDistributions.class);

    private CorpusDistributions() {
    }

    /** Computes what {@code cache} lacks for the model texts of {@code texts}. */
    public static void fill(List<LabelledText> texts, TextNormaliser normaliser, CoreNlpCache cache, int threads) throws Exception {
        Set<String> missing = new LinkedHashSet<>();
        for (LabelledText t : texts) {
            String model = CoreNlpScorer.truncate(normaliser.normalise(t.text()).modelText(), CoreNlpScorer.MAX_CHARS);
            if (!model.isBlank() && !cache.contains(model)) {
                missing.add(model);
            }
        }
        compute(missing, cache, threads);
    }

    /** Computes what {@code cache} lacks for the raw texts of {@code texts} (the baseline reads them as written). */
    public static void fillRaw(List<LabelledText> texts, CoreNlpCache cache, int threads) throws Exception {
        Set<String> missing = new LinkedHashSet<>();
        for (LabelledText t : texts) {
            String raw = CoreNlpScorer.truncate(t.text(), CoreNlpScorer.MAX_CHARS);
            if (!raw.isBlank() && !cache.contains(raw)) {
                missing.add(raw);
            }
        }
        compute(missing, cache, threads);
    }

    private static void compute(Set<String> missing, CoreNlpCache cache, int threads) throws Exception {
        log.info("CoreNLP cache holds {} texts; computing {} more on {} threads", cache.size(), missing.size(), threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (String text : missing) {
                futures.add(pool.submit(() -> {
                    cache.apply(text);
                    int n = done.incrementAndGet();
                    if (n % 1000 == 0) {
                        log.info("CoreNLP: {} / {} texts, {} texts/s", n, missing.size(),
                                Math.round(n / ((System.nanoTime() - start) / 1e9)));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** {@code FillCache <shared-data> <cache-file> <threads>}: fills the cache for every labelled set. */
    public static void main(String[] args) throws Exception {
        LabelledSets sets = new LabelledSets(Path.of(args[0]));
        List<LabelledText> all = new ArrayList<>();
        for (String set : LabelledSets.ALL) {
            List<LabelledText> texts = sets.read(set);
            log.info("{}: {} texts", set, texts.size());
            all.addAll(texts);
        }
        CoreNlpScorer scorer = CoreNlpScorer.load();
        TextNormaliser normaliser = TextNormaliser.withVocabulary(org.backbeat.nlp.sentiment.Vocabulary.coreNlpSentiment());
        CoreNlpCache cache = new CoreNlpCache(Path.of(args[1]), scorer::sentences);
        fill(all, normaliser, cache, Integer.parseInt(args[2]));
        fillRaw(all.stream().filter(t -> t.split() == Split.TEST).toList(), cache, Integer.parseInt(args[2]));
    }
}
