package org.backbeat.nlp.sentiment;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.backbeat.core.Sentiment;
import org.backbeat.core.SentimentLabel;

/**
 * A test scorer that counts its calls: "love"/"great"/"best" read positive, "hate"/"awful"/"crash" negative,
 * anything else neutral; "EXPLODE" throws; sentences end at ". ".
 */
public final class CountingScorer implements Scorer {

    public static final String EXPLODE = "EXPLODE";
    public static final Sentiment POSITIVE = new Sentiment(SentimentLabel.POSITIVE, 0.75, 0.8);
    public static final Sentiment NEGATIVE = new Sentiment(SentimentLabel.NEGATIVE, -0.75, 0.8);
    public static final Sentiment NEUTRAL = new Sentiment(SentimentLabel.NEUTRAL, 0.0, 0.6);

    public final AtomicInteger analyseCalls = new AtomicInteger();
    public final AtomicInteger scoreCalls = new AtomicInteger();

    @Override
    public Sentiment score(String text) {
        scoreCalls.incrementAndGet();
        return read(text);
    }

    @Override
    public TextSentiment analyse(String text) {
        analyseCalls.incrementAndGet();
        Sentiment overall = read(text);
        List<SentenceSentiment> sentences = new ArrayList<>();
        int begin = 0;
        for (int i = text.indexOf(". "); i >= 0; i = text.indexOf(". ", begin)) {
            sentences.add(new SentenceSentiment(begin, i + 1, read(text.substring(begin, i + 1))));
            begin = i + 2;
        }
        sentences.add(new SentenceSentiment(begin, text.length(), read(text.substring(begin))));
        return new TextSentiment(overall, sentences);
    }

    private static Sentiment read(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("nothing to score");
        }
        if (text.contains(EXPLODE)) {
            throw new IllegalStateException("scorer blew up on purpose");
        }
        String lower = text.toLowerCase();
        boolean good = lower.contains("love") || lower.contains("great") || lower.contains("best");
        boolean bad = lower.contains("hate") || lower.contains("awful") || lower.contains("crash");
        return good == bad ? NEUTRAL : good ? POSITIVE : NEGATIVE;
    }

    @Override
    public String model() {
        return "counting-test";
    }

    public int calls() {
        return analyseCalls.get() + scoreCalls.get();
    }
}
