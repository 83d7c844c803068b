package org.backbeat.core;

/**
 * Engagement counts of a post when its source gives them; each count is null when unknown.
 *
 * @param likes   likes / favourites
 * @param reposts retweets, boosts, reposts
 * @param replies replies
 * @param quotes  quote posts
 */
public record Engagement(Long likes, Long reposts, Long replies, Long quotes) {

    public static final Engagement UNKNOWN = new Engagement(null, null, null, null);

    /** The sum of the known counts: the "most engaged" ranking. */
    public long total() {
        return orZero(likes) + orZero(reposts) + orZero(replies) + orZero(quotes);
    }

    private static long orZero(Long count) {
        return count == null ? 0 : count;
    }
}
