package org.backbeat.nlp.pipeline;

import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;
import java.util.function.Supplier;
import org.backbeat.core.Post;
import org.backbeat.core.Sentiment;
import org.backbeat.nlp.sentiment.Scorer;
import org.backbeat.nlp.sentiment.TextSentiment;

/**
 * One scorer per thread at a time, with no lock shared between them: each call takes an idle scorer from a
 * pool (loading one only when every scorer is busy) and gives it back when done. So as many scorers exist
 * as threads ever scored at once, and a thread that replaces another (a new stream thread, a second
 * service in the same JVM, a bench run) takes over a loaded scorer instead of loading its own, which
 * costs seconds: the scorer reads its vocabulary and model again, even though CoreNLP pipelines with the
 * same settings share their models through CoreNLP's annotator cache. The first scorer is loaded at
 * construction, on the constructing thread, so a broken model fails at start-up and {@link #model()} is known.
 */
public final class PerThreadScorer implements Scorer {

    private final Supplier<Scorer> factory;
    /** Idle scorers, the most recently used first (its caches are the warmest). */
    private final Deque<Scorer> idle = new ConcurrentLinkedDeque<>();
    private final String model;

    public PerThreadScorer(Supplier<Scorer> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
        Scorer first = factory.get();
        this.model = first.model();
        idle.push(first);
    }

    private Scorer load() {
        Scorer scorer = factory.get();
        if (!scorer.model().equals(model)) {
            throw new IllegalStateException("scorer factory returned model " + scorer.model() + " after " + model);
        }
        return scorer;
    }

    private <T> T withScorer(Function<Scorer, T> call) {
        Scorer scorer = idle.poll();
        if (scorer == null) {
            scorer = load();
        }
        try {
            return call.apply(scorer);
        } finally {
            idle.push(scorer);
        }
    }

    @Override
    public Sentiment score(String text) {
        return withScorer(s -> s.score(text));
    }

    @Override
    public TextSentiment analyse(String text) {
        return withScorer(s -> s.analyse(text));
    }

    @Override
    public Sentiment scorePost(Post post) {
        return withScorer(s -> s.scorePost(post));
    }

    @Override
    public String model() {
        return model;
    }
}
