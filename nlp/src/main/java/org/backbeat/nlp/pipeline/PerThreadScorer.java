package org.backbeat.nlp.pipeline;

import java.util.Objects;
import java.util.function.Supplier;
import org.backbeat.core.Sentiment;
import org.backbeat.nlp.sentiment.Scorer;
import org.backbeat.nlp.sentiment.TextSentiment;

/**
 * One scorer per thread, each loaded once on the thread's first text: every stream thread gets its own
 * pipeline, with no lock shared between them (CoreNLP pipelines with the same settings share their models
 * through CoreNLP's annotator cache, so a second one costs little memory). The first scorer is loaded at
 * construction, on the constructing thread, so a broken model fails at start-up and {@link #model()} is known.
 */
public final class PerThreadScorer implements Scorer {

    private final Supplier<Scorer> factory;
    private final ThreadLocal<Scorer> perThread;
    private final String model;

    public PerThreadScorer(Supplier<Scorer> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
        Scorer first = factory.get();
        this.model = first.model();
        this.perThread = ThreadLocal.withInitial(this::load);
        perThread.set(first);
    }

    private Scorer load() {
        Scorer scorer = factory.get();
        if (!scorer.model().equals(model)) {
            throw new IllegalStateException("scorer factory returned model " + scorer.model() + " after " + model);
        }
        return scorer;
    }

    @Override
    public Sentiment score(String text) {
        return perThread.get().score(text);
    }

    @Override
    public TextSentiment analyse(String text) {
        return perThread.get().analyse(text);
    }

    @Override
    public String model() {
        return model;
    }
}
