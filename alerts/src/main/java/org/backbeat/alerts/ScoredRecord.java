package org.backbeat.alerts;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.backbeat.core.JsonSerde;

/**
 * A record of {@code posts.scored} as the alerts stage reads it: the post, or why it could not be read (with the
 * bytes, for the dead letter). Reading never throws, so one bad record never stops the stream.
 *
 * @param post    the post, or null
 * @param payload the record's value as text when it could not be read
 * @param error   why it could not be read, or null
 */
public record ScoredRecord(ScoredView post, String payload, String error) {

    /**
     * The serde of {@code posts.scored} as this stage reads it (it never writes it): the {@link ScoredView}
     * projection of the topic's JSON, with posts published more than {@code maxFuture} ahead of {@code clock} refused.
     */
    public static Serde<ScoredRecord> serde(Clock clock, Duration maxFuture) {
        JsonSerde<ScoredView> posts = new JsonSerde<>(ScoredView.class);
        Deserializer<ScoredRecord> reader = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                ScoredView post = posts.read(bytes);
                if (post == null) {
                    return failed(bytes, "not a valid ScoredPost: JSON null");
                }
                Instant published = post.post().publishedAt();
                if (published.isAfter(clock.instant().plus(maxFuture))) {
                    return failed(bytes, "published in the future (" + published + "), beyond alerts.max-future "
                            + maxFuture + ": it would move event time past every window");
                }
                if (published.toEpochMilli() < 0) {
                    return failed(bytes, "published before 1970 (" + published + ")");
                }
                return new ScoredRecord(post, null, null);
            } catch (SerializationException | IllegalArgumentException e) {
                return failed(bytes, e.getMessage());
            }
        };
        Serializer<ScoredRecord> unused = (topic, value) -> {
            throw new UnsupportedOperationException("the alerts stage never writes posts.scored");
        };
        return Serdes.serdeFrom(unused, reader);
    }

    private static ScoredRecord failed(byte[] bytes, String reason) {
        return new ScoredRecord(null, new String(bytes, StandardCharsets.UTF_8), reason);
    }

    /** Event time: the post's publication time; a record that could not be read keeps the partition's time. */
    public static final class EventTime implements TimestampExtractor {
        @Override
        public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
            if (record.value() instanceof ScoredRecord r && r.post() != null) {
                return r.post().post().publishedAt().toEpochMilli();
            }
            return partitionTime >= 0 ? partitionTime : Math.max(0, record.timestamp());
        }
    }
}
