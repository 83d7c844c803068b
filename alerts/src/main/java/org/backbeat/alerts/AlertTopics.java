package org.backbeat.alerts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.backbeat.alerts.rules.AlertRule;
import org.backbeat.core.Alert;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.JsonSerde;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.Topic;
import org.backbeat.core.Topics;

/**
 * The topics of the alerts stage.
 *
 * @param scored     posts after NLP, the input ({@code posts.scored}, keyed by post id)
 * @param rules      the rules, compacted: key = rule id, value = the rule's JSON, a tombstone deletes it ({@code alerts.rules})
 * @param alerts     alerts raised, key = alert id ({@code alerts}); compacted, so the dispatcher never misses one
 *                   however long it is down (ids are unique, so compaction removes nothing but exact re-sends)
 * @param deadLetter records the stage could not read, with the reason ({@code posts.dlq})
 * @param partitions partitions {@code alerts} is created with ({@code alerts.rules} has one: it is read whole by every instance)
 */
public record AlertTopics(Topic<String, ScoredPost> scored, Topic<String, AlertRule> rules, Topic<String, Alert> alerts,
                          Topic<String, DeadLetter> deadLetter, int partitions) {

    public static final String DEFAULT_RULES = "alerts.rules";
    public static final String DEFAULT_ALERTS = "alerts";
    /** Setting of the alerts topic's name (shared with the webhook dispatcher). */
    public static final String ALERTS_TOPIC = "alerts.topic";
    /** Setting of the rules topic's name. */
    public static final String RULES_TOPIC = "alerts.rules-topic";

    /** The pipeline's topics with the alert topics named by {@code alerts.topic} and {@code alerts.rules-topic}. */
    public static AlertTopics from(Topics pipeline, org.backbeat.core.Settings settings) {
        return named(pipeline, settings.get(RULES_TOPIC, DEFAULT_RULES), settings.get(ALERTS_TOPIC, DEFAULT_ALERTS));
    }

    /** The pipeline's topics with the default names of the alert topics. */
    public static AlertTopics of(Topics pipeline) {
        return named(pipeline, DEFAULT_RULES, DEFAULT_ALERTS);
    }

    public static AlertTopics named(Topics pipeline, String rules, String alerts) {
        return new AlertTopics(pipeline.scored(),
                new Topic<>(rules, Serdes.String(), new JsonSerde<>(AlertRule.class)),
                new Topic<>(alerts, Serdes.String(), new JsonSerde<>(Alert.class)),
                pipeline.deadLetter(), pipeline.partitions());
    }

    /** Definitions of the two alert topics for the admin client (the pipeline's own are created by its Topics). */
    public List<NewTopic> newTopics() {
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        return List.of(
                new NewTopic(rules.name(), Optional.of(1), Optional.empty()).configs(compacted),
                new NewTopic(alerts.name(), Optional.of(partitions), Optional.empty()).configs(compacted));
    }
}
