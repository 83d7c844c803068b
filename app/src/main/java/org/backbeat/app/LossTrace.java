package org.backbeat.app;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.Topics;

/**
 * Where a post that never reached Elasticsearch got to: for each lost id, the records keyed by it on
 * {@code posts.raw}, on {@code posts.scored} (committed, and aborted: seen only by a read_uncommitted reader) and
 * on the dead-letter topic, with the dead letter's reason. A fault proof that loses a post says which stage lost
 * it instead of only how many.
 */
final class LossTrace {

    private static final Duration READ_LIMIT = Duration.ofMinutes(2);

    private LossTrace() {
    }

    /** One line per id (at most {@code max}), e.g. {@code post-12: posts.raw p1@40; posts.scored none (...)}. */
    static List<String> trace(String bootstrapServers, Topics topics, Collection<String> lost, int max) {
        Set<String> ids = new LinkedHashSet<>(lost.stream().sorted().limit(max).toList());
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, List<String>> raw = find(bootstrapServers, topics.raw().name(), ids, "read_committed", false);
        Map<String, List<String>> scored = find(bootstrapServers, topics.scored().name(), ids, "read_committed", false);
        Map<String, List<String>> scoredAny = find(bootstrapServers, topics.scored().name(), ids, "read_uncommitted", false);
        Map<String, List<String>> dead = find(bootstrapServers, topics.deadLetter().name(), ids, "read_committed", true);
        List<String> lines = new ArrayList<>();
        for (String id : ids) {
            List<String> aborted = new ArrayList<>(scoredAny.getOrDefault(id, List.of()));
            aborted.removeAll(scored.getOrDefault(id, List.of()));
            lines.add(id + ": " + topics.raw().name() + " " + describe(raw.get(id))
                    + "; " + topics.scored().name() + " " + describe(scored.get(id))
                    + (aborted.isEmpty() ? "" : " (in aborted transactions: " + String.join(", ", aborted) + ")")
                    + "; " + topics.deadLetter().name() + " " + describe(dead.get(id)));
        }
        return lines;
    }

    private static String describe(List<String> places) {
        return places == null || places.isEmpty() ? "none" : String.join(", ", places);
    }

    /** Every record of {@code topic} keyed by one of {@code ids}, as {@code p<partition>@<offset>}. */
    private static Map<String, List<String>> find(String bootstrapServers, String topic, Set<String> ids, String isolation,
                                                  boolean withValue) {
        Properties p = KafkaProps.admin(bootstrapServers, "backbeat-loss-trace");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        Map<String, List<String>> found = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new LinkedHashMap<>(consumer.endOffsets(partitions));
            long deadline = System.nanoTime() + READ_LIMIT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() != null && ids.contains(r.key())) {
                        String place = "p" + r.partition() + "@" + r.offset() + (r.value() == null ? " (tombstone)" : "");
                        if (withValue && r.value() != null) {
                            String letter = new String(r.value(), StandardCharsets.UTF_8);
                            place += " " + (letter.length() > 400 ? letter.substring(0, 400) + "…" : letter);
                        }
                        found.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(place);
                    }
                }
            }
        }
        return found;
    }
}
