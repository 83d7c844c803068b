package org.backbeat.ingest.social;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.backbeat.ingest.source.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rate-limit arithmetic shared by the Twitter and Mastodon clients: when the window resets (X sends epoch
 * seconds in {@code x-rate-limit-reset}, Mastodon an ISO-8601 time in {@code X-RateLimit-Reset}) and the wait
 * until then, measured on the source's clock and never shorter than {@link #MIN_WAIT} so a skewed clock cannot
 * make a client hammer the API.
 */
public final class RateLimit {

    private static final Logger log = LoggerFactory.getLogger(RateLimit.class);

    /** The shortest wait after a 429 or an exhausted window. */
    public static final Duration MIN_WAIT = Duration.ofSeconds(1);
    /** The wait when a 429 names no reset time (X's windows are 15 minutes). */
    public static final Duration DEFAULT_WAIT = Duration.ofMinutes(15);

    private RateLimit() {
    }

    /** The reset time a header value names: epoch seconds, or an ISO-8601 instant. */
    public static Optional<Instant> parseReset(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        try {
            if (v.chars().allMatch(Character::isDigit)) {
                return Optional.of(Instant.ofEpochSecond(Long.parseLong(v)));
            }
            return Optional.of(Instant.parse(v));
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** How long to wait from now until {@code reset} (at least {@link #MIN_WAIT}); {@link #DEFAULT_WAIT} when unknown. */
    public static Duration waitUntil(Optional<Instant> reset, Clock clock) {
        if (reset.isEmpty()) {
            return DEFAULT_WAIT;
        }
        Duration wait = Duration.between(clock.instant(), reset.get());
        return wait.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : wait;
    }

    /** Logs when the next call will be, then waits. */
    public static void pause(String source, String why, Duration wait, Clock clock, Sleeper sleeper) throws InterruptedException {
        log.info("Source {}: {}; next call at {} (in {} s)", source, why, clock.instant().plus(wait), wait.toSeconds());
        sleeper.sleep(wait);
    }
}
