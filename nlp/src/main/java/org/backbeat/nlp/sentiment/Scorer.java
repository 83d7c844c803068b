package org.backbeat.nlp.sentiment;

import org.backbeat.core.Post;
import org.backbeat.core.Sentiment;

/**
 * Scores the sentiment of one text. Implementations are shared by every stream thread, so they must be
 * thread-safe; they throw {@link IllegalArgumentException} for a text they cannot score.
 */
public interface Scorer {

    /** The sentiment of {@code text}; throws {@link IllegalArgumentException} if it is blank. */
    Sentiment score(String text);

    /**
     * The sentiment of {@code text} and of each of its sentences. Implementations that split sentences
     * override this; the default treats the whole text as one sentence.
     */
    default TextSentiment analyse(String text) {
        Sentiment overall = score(text);
        return new TextSentiment(overall, java.util.List.of(new SentenceSentiment(0, text.length(), overall)));
    }

    /**
     * The sentiment of a post: by default of {@link Post#fullText()}; a scorer may weigh a press item's
     * headline apart from its summary.
     */
    default Sentiment scorePost(Post post) {
        return score(post.fullText());
    }

    /** Name and version of the model, recorded on every scored post, e.g. {@code corenlp-4.5.10/sr/sentiment}. */
    String model();
}
