package org.backbeat.ingest.twitter;

import org.backbeat.ingest.source.Secrets;

/**
 * OAuth 1.0a user-context credentials for API v1.1 (search and the filtered stream), read from
 * {@link Secrets}. {@link #toString()} never shows them.
 */
public record TwitterCredentials(String consumerKey, String consumerSecret, String accessToken, String accessTokenSecret) {

    public static final String CONSUMER_KEY = "TWITTER_CONSUMER_KEY";
    public static final String CONSUMER_SECRET = "TWITTER_CONSUMER_SECRET";
    public static final String ACCESS_TOKEN = "TWITTER_ACCESS_TOKEN";
    public static final String ACCESS_TOKEN_SECRET = "TWITTER_ACCESS_TOKEN_SECRET";
    public static final String BEARER_TOKEN = "TWITTER_BEARER_TOKEN";

    /** All four, or an error naming the first one missing. */
    public static TwitterCredentials from(Secrets secrets, String purpose) {
        return new TwitterCredentials(secrets.require(CONSUMER_KEY, purpose), secrets.require(CONSUMER_SECRET, purpose),
                secrets.require(ACCESS_TOKEN, purpose), secrets.require(ACCESS_TOKEN_SECRET, purpose));
    }

    @Override
    public String toString() {
        return "TwitterCredentials[hidden]";
    }
}
