package org.backbeat.nlp.sentiment;

import java.util.List;

/**
 * A text after tweet-aware normalisation: what CoreNLP reads, the word tokens the classifier's features
 * read, and the tweet signals that normalisation removed from the model text.
 *
 * @param modelText    the text CoreNLP scores: no URLs, reply mentions dropped, other mentions as "someone",
 *                     hashtags split into words, elongations shortened, ALL-CAPS words lower-cased,
 *                     emoji and emoticons removed
 * @param origin       for each character of {@code modelText}, the offset of the character of the original
 *                     text it came from (same length as {@code modelText})
 * @param originLength length of the original text
 * @param tokens       word and punctuation tokens, lower-cased, in order (hashtag words included)
 * @param emoji        emoji code points as strings, in order (skin tones, joiners and variation selectors dropped)
 * @param emoticons    emoticons as written, e.g. {@code :-)}, in order
 * @param capsWords    words of two or more letters written in capitals (e.g. {@code NEVER})
 * @param elongated    words with a letter repeated three or more times (e.g. {@code sooooo})
 * @param exclamations count of {@code !}
 * @param questions    count of {@code ?}
 * @param urls         count of URLs
 * @param mentions     count of @mentions
 * @param hashtags     count of #hashtags
 * @param sarcasm      whether a sarcasm marker ({@code #sarcasm}, {@code #not} at the end, {@code /s}) is present
 */
public record NormalisedText(
        String modelText,
        int[] origin,
        int originLength,
        List<String> tokens,
        List<String> emoji,
        List<String> emoticons,
        int capsWords,
        int elongated,
        int exclamations,
        int questions,
        int urls,
        int mentions,
        int hashtags,
        boolean sarcasm) {

    public NormalisedText {
        tokens = List.copyOf(tokens);
        emoji = List.copyOf(emoji);
        emoticons = List.copyOf(emoticons);
    }

    /** The offset in the original text of model-text offset {@code modelOffset} (a begin offset). */
    public int originBegin(int modelOffset) {
        if (modelText.isEmpty()) {
            return 0;
        }
        return origin[Math.max(0, Math.min(modelOffset, origin.length - 1))];
    }

    /** The offset in the original text just past the character before model-text offset {@code modelEnd}. */
    public int originEnd(int modelEnd) {
        if (modelEnd <= 0 || modelText.isEmpty()) {
            return 0;
        }
        int last = Math.min(modelEnd, origin.length) - 1;
        return Math.min(originLength, origin[last] + 1);
    }
}
