package org.backbeat.ingest.social;

import java.time.Duration;

/**
 * How long a streaming client waits before reconnecting, after X's published policy for its streams:
 * network errors (and a stream the server ended) back off linearly by 250 ms up to 16 s; HTTP errors
 * exponentially from 5 s up to 320 s; rate limiting (420/429) exponentially from 1 minute. A successful
 * connection starts over. Mastodon and Jetstream streams use the same policy.
 */
public final class ReconnectBackoff {

    private static final Duration NETWORK_STEP = Duration.ofMillis(250);
    private static final Duration NETWORK_MAX = Duration.ofSeconds(16);
    private static final Duration HTTP_FIRST = Duration.ofSeconds(5);
    private static final Duration HTTP_MAX = Duration.ofSeconds(320);
    private static final Duration RATE_FIRST = Duration.ofMinutes(1);
    private static final Duration RATE_MAX = Duration.ofMinutes(16);

    private Duration network = Duration.ZERO;
    private Duration http = Duration.ZERO;
    private Duration rate = Duration.ZERO;

    /** The connection is up: the next failure starts from the first step again. */
    public void connected() {
        network = Duration.ZERO;
        http = Duration.ZERO;
        rate = Duration.ZERO;
    }

    public Duration networkError() {
        network = min(network.plus(NETWORK_STEP), NETWORK_MAX);
        return network;
    }

    public Duration httpError() {
        http = http.isZero() ? HTTP_FIRST : min(http.multipliedBy(2), HTTP_MAX);
        return http;
    }

    public Duration rateLimited() {
        rate = rate.isZero() ? RATE_FIRST : min(rate.multipliedBy(2), RATE_MAX);
        return rate;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
