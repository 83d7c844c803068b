package org.backbeat.ingest.twitter;

import java.util.Properties;
import twitter4j.Twitter;

/**
 * Builds the Twitter4J client: OAuth 1.0a user context, raw JSON kept (so one normaliser reads search,
 * stream and dumps alike), extended tweet mode, no retries of its own (the source decides when to call
 * again), and the REST base URL configurable (a proxy, or a local server in tests).
 */
final class TwitterClients {

    private TwitterClients() {
    }

    /** @param restBaseUrl e.g. {@code https://api.twitter.com/1.1/} (a trailing slash is added when missing) */
    static Twitter v1(String restBaseUrl, String streamBaseUrl, TwitterCredentials credentials) {
        Properties properties = new Properties();
        properties.setProperty("restBaseURL", withSlash(restBaseUrl));
        properties.setProperty("streamBaseURL", withSlash(streamBaseUrl));
        properties.setProperty("http.retryCount", "0");
        properties.setProperty("jsonStoreEnabled", "true");
        properties.setProperty("tweetModeExtended", "true");
        return Twitter.newBuilder().load(properties)
                .oAuthConsumer(credentials.consumerKey(), credentials.consumerSecret())
                .oAuthAccessToken(credentials.accessToken(), credentials.accessTokenSecret())
                .jsonStoreEnabled(true)
                .tweetModeExtended(true)
                .httpRetryCount(0)
                .httpConnectionTimeout(10_000)
                .httpReadTimeout(30_000)
                .build();
    }

    static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }
}
