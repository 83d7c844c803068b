package org.backbeat.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * An alert a rule raised, on the {@code alerts} topic (key = {@link #id}). The id is stable for one rule,
 * entity and window, so a restart or a replay of history never makes a second alert of the same moment,
 * and a webhook receiver can use it as its idempotency key.
 *
 * @param schemaVersion version of this contract, {@link #SCHEMA_VERSION} when written by this code
 * @param id            stable id, {@link #idOf(String, String, Instant, State)}
 * @param ruleId        the rule that raised it
 * @param ruleName      the rule's name when it fired, for people
 * @param kind          what the rule watches
 * @param state         {@code FIRING} when the condition became true, {@code RESOLVED} when it cleared
 * @param severity      how loud the notice should be
 * @param entity        the catalogue entity id the window is about, or {@code "*"} for all posts
 * @param topic         the taxonomy topic the rule watches, or null
 * @param windowStart   start of the window that made the condition true (event time, inclusive)
 * @param windowEnd     end of that window (event time, exclusive)
 * @param firedAt       event time at which the condition was met (the newest post time that made it so)
 * @param observed      what the window shows (posts, mean sentiment, negative share or topic posts, by kind)
 * @param baselineMean  the trailing baseline's mean of the same quantity
 * @param baselineStdDev the baseline's standard deviation
 * @param threshold     the value {@code observed} had to pass
 * @param score         the test statistic (a z-score, or the t statistic of a mean difference)
 * @param pValue        the test's p-value where the kind has one, else null
 * @param posts         posts in the window
 * @param distinctTexts distinct texts (text clusters) among them
 * @param drivers       the texts that contributed most, with their copies
 * @param drivenByFewTexts the shift rests on so few distinct texts (a storm of copies) that removing them would undo
 *                      it: it fired only because its rule's minimum of distinct texts allows that; false for resolve
 *                      notices and for alerts written before this field existed
 * @param samples       a few posts of the window, with links
 * @param summary       one sentence for people, e.g. "Volume for Amazon: 412 posts in 1 h vs 35 ± 12 (k = 3)"
 */
public record Alert(
        int schemaVersion,
        String id,
        String ruleId,
        String ruleName,
        Kind kind,
        State state,
        Severity severity,
        String entity,
        String topic,
        Instant windowStart,
        Instant windowEnd,
        Instant firedAt,
        double observed,
        double baselineMean,
        double baselineStdDev,
        double threshold,
        double score,
        Double pValue,
        long posts,
        long distinctTexts,
        List<Driver> drivers,
        List<Sample> samples,
        String summary,
        boolean drivenByFewTexts) {

    public static final int SCHEMA_VERSION = 1;
    /** The entity of a rule that watches every post. */
    public static final String ALL_ENTITIES = "*";

    public enum Kind { VOLUME_SPIKE, SENTIMENT_DIP, SENTIMENT_RISE, TOPIC_BURST }

    public enum State { FIRING, RESOLVED }

    public enum Severity { INFO, WARNING, CRITICAL }

    /**
     * A text that moved the window: how many posts of the window are copies of it and its sentiment.
     *
     * @param textCluster the text's cluster id
     * @param text        the text (one of its copies), for people
     * @param copies      posts of the window with this text
     * @param sentiment   its sentiment score in [-1, 1], or null when unscored
     */
    public record Driver(String textCluster, String text, long copies, Double sentiment) {
    }

    /** A post of the window, for people to read. */
    public record Sample(String postId, Instant publishedAt, String author, String text, String url, Double sentiment) {
    }

    public Alert {
        Post.requireText(id, "id");
        Post.requireText(ruleId, "ruleId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(severity, "severity");
        Post.requireText(entity, "entity");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        Objects.requireNonNull(firedAt, "firedAt");
        drivers = drivers == null ? List.of() : List.copyOf(drivers);
        samples = samples == null ? List.of() : List.copyOf(samples);
    }

    /** An alert not driven by few texts (a broad shift, a resolve notice, a test send). */
    public Alert(int schemaVersion, String id, String ruleId, String ruleName, Kind kind, State state, Severity severity,
                 String entity, String topic, Instant windowStart, Instant windowEnd, Instant firedAt, double observed,
                 double baselineMean, double baselineStdDev, double threshold, double score, Double pValue, long posts,
                 long distinctTexts, List<Driver> drivers, List<Sample> samples, String summary) {
        this(schemaVersion, id, ruleId, ruleName, kind, state, severity, entity, topic, windowStart, windowEnd, firedAt,
                observed, baselineMean, baselineStdDev, threshold, score, pValue, posts, distinctTexts, drivers, samples,
                summary, false);
    }

    /**
     * The stable id of the alert of one rule, entity and window start in one state: the same inputs give
     * the same id in every process and every replay.
     */
    public static String idOf(String ruleId, String entity, Instant windowStart, State state) {
        String key = ruleId + '\n' + entity + '\n' + windowStart.toEpochMilli() + '\n' + state;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "alert_" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
