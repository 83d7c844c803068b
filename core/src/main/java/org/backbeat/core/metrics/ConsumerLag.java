package org.backbeat.core.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.backbeat.core.KafkaProps;

/**
 * How far behind each stage's consumer group is: for every partition the group has committed an offset on, the end
 * of the partition (its last stable offset: what a read_committed reader can reach) minus that offset, summed per
 * topic and per stage. Measured from outside the stages, with an admin client, so a process that reads no Kafka
 * (the dashboard) can show the lag of all of them, and a stage that is down still shows its lag growing.
 */
public final class ConsumerLag implements AutoCloseable {

    /** A stage and the consumer group it commits its progress under (a Streams app: its application id). */
    public record Stage(String stage, String group) {
    }

    /**
     * One stage's lag.
     *
     * @param records    records not yet processed, over every partition the group has committed on
     * @param partitions partitions the group has committed on (0: it has not started yet)
     * @param topics     the lag per topic (a Streams app's repartition topics included)
     * @param error      why the lag could not be measured, or null
     */
    public record Lag(String stage, String group, long records, int partitions, Map<String, Long> topics, String error) {
    }

    private final Admin admin;
    private final List<Stage> stages;
    private final Duration timeout;

    public ConsumerLag(String bootstrapServers, List<Stage> stages, Duration timeout) {
        this.admin = Admin.create(KafkaProps.admin(bootstrapServers, "backbeat-lag"));
        this.stages = List.copyOf(stages);
        this.timeout = timeout;
    }

    public List<Stage> stages() {
        return stages;
    }

    /** Every stage's lag now, in the order the stages were given; a stage whose lag cannot be read says why. */
    public List<Lag> measure() {
        List<Lag> lags = new ArrayList<>();
        for (Stage stage : stages) {
            try {
                lags.add(measure(stage));
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                lags.add(new Lag(stage.stage(), stage.group(), -1, 0, Map.of(), cause.getMessage()));
            } catch (TimeoutException e) {
                lags.add(new Lag(stage.stage(), stage.group(), -1, 0, Map.of(), "Kafka did not answer within " + timeout.toMillis() + " ms"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lags.add(new Lag(stage.stage(), stage.group(), -1, 0, Map.of(), "interrupted"));
                break;
            }
        }
        return lags;
    }

    private Lag measure(Stage stage) throws ExecutionException, TimeoutException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(stage.group())
                .partitionsToOffsetAndMetadata().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> positions = committed.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        if (positions.isEmpty()) {
            return new Lag(stage.stage(), stage.group(), 0, 0, Map.of(), null);
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                        positions.keySet().stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())),
                        new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, Long> perTopic = new TreeMap<>();
        long total = 0;
        for (var entry : positions.entrySet()) {
            ListOffsetsResult.ListOffsetsResultInfo end = ends.get(entry.getKey());
            long lag = end == null ? 0 : Math.max(0, end.offset() - entry.getValue());
            perTopic.merge(entry.getKey().topic(), lag, Long::sum);
            total += lag;
        }
        return new Lag(stage.stage(), stage.group(), total, positions.size(), perTopic, null);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
