package org.backbeat.nlp.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.backbeat.core.Catalogue;
import org.backbeat.core.EntityMatch;
import org.backbeat.core.EntitySentiment;
import org.backbeat.core.Post;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.Sentiment;
import org.backbeat.core.TextToken;
import org.backbeat.core.TextTokens;
import org.backbeat.core.TopicMatch;
import org.backbeat.nlp.entities.TargetedSentiment;
import org.backbeat.nlp.sentiment.Scorer;
import org.backbeat.nlp.sentiment.TextSentiment;
import org.backbeat.nlp.topics.TopicTaxonomy;

/**
 * Turns a {@link Post} into a {@link ScoredPost}: the one code path of the Streams topology and of
 * {@code backbeat score}. Reads the headline and body ({@link Post#fullText()}); tags catalogue entities
 * with their mentions and taxonomy topics with their evidence; scores the text and each entity
 * ({@link TargetedSentiment}) unless the post is in a language the model does not read, in which case it
 * is kept unscored with the reason (entities and topics are still tagged: names and terms are cheap).
 * Thread-safe when its scorer is.
 */
public final class PostAnalyzer {

    /** The language the sentiment model reads. */
    public static final String MODEL_LANGUAGE = "en";

    private static final Pattern RETWEET_PREFIX = Pattern.compile("^(?:RT\\s+@\\w+:?\\s*)+");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private final Catalogue catalogue;
    private final TopicTaxonomy taxonomy;
    private final TargetedSentiment targeted;
    private final Scorer scorer;
    private final Clock clock;

    public PostAnalyzer(Catalogue catalogue, TopicTaxonomy taxonomy, TargetedSentiment targeted, Scorer scorer, Clock clock) {
        this.catalogue = catalogue;
        this.taxonomy = taxonomy;
        this.targeted = targeted;
        this.scorer = scorer;
        this.clock = clock;
    }

    /** The analyzer with the shipped taxonomy and targeting rules. */
    public static PostAnalyzer standard(Catalogue catalogue, Scorer scorer, Clock clock) {
        return new PostAnalyzer(catalogue, TopicTaxonomy.defaults(), TargetedSentiment.defaults(), scorer, clock);
    }

    public String model() {
        return scorer.model();
    }

    public String taxonomyVersion() {
        return taxonomy.version();
    }

    /** Analyses the post without a cache; throws {@link IllegalArgumentException} for a text that cannot be scored. */
    public ScoredPost analyse(Post post) {
        return analyse(post, ScoreCache.none());
    }

    /**
     * Analyses the post, reusing the scores of an identical normalised text from {@code cache} (only the
     * sentiment is cached: entities, mentions and topics are always tagged on this post's own text).
     */
    public ScoredPost analyse(Post post, ScoreCache cache) {
        String text = post.fullText();
        List<TextToken> tokens = TextTokens.tokenize(text);
        List<EntityMatch> entities = catalogue.group(catalogue.mentions(tokens, text));
        List<String> ids = entities.stream().map(EntityMatch::entity).toList();
        List<TopicMatch> topics = taxonomy.tag(tokens, text);

        String unreadable = unreadableLanguage(post.lang());
        if (unreadable != null) {
            return ScoredPost.unscored(post, ids, topics, scorer.model(), taxonomy.version(),
                    "language " + unreadable + " is not scored: the model reads " + MODEL_LANGUAGE + " only", clock.instant());
        }

        String key = textKey(scorer.model(), text);
        TextScores scores = cache.get(key);
        if (scores == null) {
            TextSentiment whole = scorer.analyse(text);
            // A press item's headline is weighed apart from its summary (Scorer.scorePost); entity sentiment
            // still comes from the sentences of headline and summary together.
            boolean press = post.headline() != null && !post.headline().isBlank();
            Sentiment overall = press ? scorer.scorePost(post) : whole.overall();
            scores = new TextScores(overall, targeted.analyse(text, tokens, whole, entities, scorer));
            cache.put(key, scores);
        }
        List<EntitySentiment> entitySentiments = new ArrayList<>();
        for (EntityMatch e : entities) {
            entitySentiments.add(new EntitySentiment(e.entity(), scores.towards(e.entity()), e.words()));
        }
        return new ScoredPost(ScoredPost.SCHEMA_VERSION, post, scores.overall(), ids, entitySentiments, topics,
                scorer.model(), taxonomy.version(), null, clock.instant());
    }

    /** The language code if it is known and not the model's ({@code und}, blank and null count as unknown). */
    static String unreadableLanguage(String lang) {
        if (lang == null || lang.isBlank()) {
            return null;
        }
        String code = lang.strip().toLowerCase(Locale.ROOT);
        String primary = code.split("[-_]", 2)[0];
        if (primary.equals(MODEL_LANGUAGE) || primary.equals("und") || primary.equals("zxx") || primary.equals("qme")
                || primary.equals("qht")) {
            return null; // qme/qht: Twitter's media-only and hashtag-only posts
        }
        return code;
    }

    /**
     * The cache key of a text: a hash of the model and the text with retweet prefixes ("RT @name:") removed
     * and runs of whitespace collapsed. Case is kept: the sentiment model is case-sensitive.
     */
    public static String textKey(String model, String text) {
        String normalised = SPACE.matcher(RETWEET_PREFIX.matcher(text.strip()).replaceFirst("")).replaceAll(" ").strip();
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(model.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            byte[] digest = sha.digest(normalised.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
