package org.backbeat.nlp.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A sentiment lexicon: word (or emoticon) to mean human valence rating in [-4, 4]. The standard one is
 * VADER's (Hutto and Gilbert 2014, MIT licence; 7,500 entries rated by ten people each, emoticons and
 * slang included), read from the {@code vader-sentiment-analyzer} jar's resource.
 */
public final class Lexicon {

    /** The resource in the VADER jar. */
    public static final String VADER_RESOURCE = "vader_sentiment_lexicon.txt";

    private final Map<String, Double> valences;

    public Lexicon(Map<String, Double> valences) {
        this.valences = Map.copyOf(valences);
    }

    /** VADER's lexicon from the classpath. */
    public static Lexicon vader() {
        try (InputStream in = Lexicon.class.getClassLoader().getResourceAsStream(VADER_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(VADER_RESOURCE + " is not on the classpath (vader-sentiment-analyzer jar)");
            }
            Map<String, Double> map = new HashMap<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] cols = line.split("\t");
                if (cols.length >= 2 && !cols[0].isBlank()) {
                    map.put(cols[0].trim(), Double.parseDouble(cols[1].trim()));
                }
            }
            return new Lexicon(map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The valence of {@code entry} as written, then lower-cased. */
    public OptionalDouble valence(String entry) {
        Double v = valences.get(entry);
        if (v == null) {
            v = valences.get(entry.toLowerCase(java.util.Locale.ROOT));
        }
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** Whether the lexicon has {@code word} (lower-cased). */
    public boolean contains(String word) {
        return valences.containsKey(word);
    }

    public int size() {
        return valences.size();
    }
}
