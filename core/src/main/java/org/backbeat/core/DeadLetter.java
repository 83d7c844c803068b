package org.backbeat.core;

import java.time.Instant;

/**
 * A record that a stage could not process, on {@code posts.dlq}: the original bytes (as text) and why.
 * Nothing is dropped silently; an operator can read, fix and replay these.
 *
 * @param schemaVersion version of this contract
 * @param stage         which stage gave up ({@code parse}, {@code score}, ...)
 * @param sourceTopic   topic the record was read from
 * @param key           its Kafka key, may be null
 * @param payload       its value decoded as UTF-8 (malformed bytes replaced), may be null
 * @param reason        what was wrong, for a human
 * @param failedAt      wall-clock time of the failure
 */
public record DeadLetter(
        int schemaVersion,
        String stage,
        String sourceTopic,
        String key,
        String payload,
        String reason,
        Instant failedAt) {

    public static final int SCHEMA_VERSION = 1;

    public static DeadLetter of(String stage, String sourceTopic, String key, String payload, String reason, Instant at) {
        return new DeadLetter(SCHEMA_VERSION, stage, sourceTopic, key, payload, reason, at);
    }
}
