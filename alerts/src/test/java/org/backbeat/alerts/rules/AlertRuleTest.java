package org.backbeat.alerts.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.backbeat.core.Alert;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Json;
import org.backbeat.core.TrackedEntity;
import org.junit.jupiter.api.Test;

class AlertRuleTest {

    private final ObjectMapper json = Json.mapper();
    private final Set<String> catalogue = Catalogue.defaults().entities().stream().map(TrackedEntity::id).collect(Collectors.toSet());

    @Test
    void a_minimal_rule_reads_with_the_documented_defaults() throws Exception {
        AlertRule rule = json.readValue("{\"id\":\"amazon-spike\",\"name\":\"Amazon\",\"kind\":\"VOLUME_SPIKE\",\"entities\":[\"amazon\"]}",
                AlertRule.class);

        assertThat(rule.window()).isEqualTo(Duration.ofHours(1));
        assertThat(rule.baseline()).isEqualTo(Duration.ofDays(7));
        assertThat(rule.sensitivity()).isEqualTo(AlertRule.Sensitivity.LOW);
        assertThat(rule.effectiveK()).isEqualTo(3.0);
        assertThat(rule.minPosts()).isEqualTo(10);
        assertThat(rule.minDistinctTexts()).isEqualTo(3);
        assertThat(rule.minBaselineWindows()).isEqualTo(24); // a seventh of 168 hourly windows
        assertThat(rule.forDuration()).isZero();
        assertThat(rule.cooldown()).isEqualTo(Duration.ofHours(12));
        assertThat(rule.notifyResolved()).isTrue();
        assertThat(rule.severity()).isEqualTo(Alert.Severity.WARNING);
        assertThat(rule.enabled()).isTrue();
        assertThat(rule.metric()).isNull();
        assertThat(RuleValidation.problems(rule, catalogue)).isEmpty();
    }

    @Test
    void a_rule_round_trips_through_json_with_durations_as_people_write_them() throws Exception {
        AlertRule rule = new AlertRule("labels-neg", "Labels", Alert.Kind.SENTIMENT_DIP, List.of("umg", "wmg"), null,
                List.of("Twitter"), List.of("EN"), Duration.ofDays(1), Duration.ofDays(28), AlertRule.Sensitivity.HIGH, null,
                AlertRule.Metric.NEGATIVE_SHARE, 0.95, 30, 5, 7, Duration.ofHours(2), Duration.ofDays(3), false,
                Alert.Severity.CRITICAL, true);

        String text = json.writeValueAsString(rule);
        AlertRule back = json.readValue(text, AlertRule.class);

        assertThat(back).isEqualTo(rule);
        assertThat(text).contains("\"window\":\"1d\"", "\"baseline\":\"28d\"", "\"for\":\"2h\"", "\"cooldown\":\"3d\"",
                "\"sources\":[\"twitter\"]", "\"languages\":[\"en\"]").doesNotContain("forDuration", "historySignature");
        assertThat(json.readValue(text.replace("\"2h\"", "\"PT2H\""), AlertRule.class).forDuration()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void validation_names_every_problem_and_what_to_set() {
        AlertRule bad = new AlertRule("Bad Id", " ", Alert.Kind.TOPIC_BURST, List.of("*", "amazon", "nobody"), null, null, null,
                Duration.ofMinutes(7), Duration.ofHours(1), AlertRule.Sensitivity.LOW, 2.0, AlertRule.Metric.MEAN, null, 0, 50,
                null, Duration.ofHours(-1), null, null, null, null);

        assertThat(RuleValidation.problems(bad, catalogue)).containsExactly(
                "id must be 1-64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit (was 'Bad Id')",
                "name must be set: a few words for people",
                "entities: \"*\" (all posts as one series) cannot be combined with entity ids",
                "entities: 'nobody' is not an entity of the catalogue",
                "topic must be set for a TOPIC_BURST rule (e.g. \"lawsuit\")",
                "baseline must be a whole number of windows (was 1h for a window of 7m)",
                "set either sensitivity (LOW, MEDIUM, HIGH) or k, not both",
                "metric applies to SENTIMENT_DIP and SENTIMENT_RISE rules only: remove it",
                "minPosts must be at least 1 (was 0)",
                "minDistinctTexts must be between 1 and 10 (was 50)",
                "for must not be negative (was -1h)");
        assertThatThrownBy(() -> RuleValidation.requireValid(bad, catalogue))
                .isInstanceOf(InvalidRuleException.class).hasMessageStartingWith("rule 'Bad Id' is not valid: id must be");
    }

    @Test
    void windows_must_align_to_the_day() {
        AlertRule odd = AlertRule.of("odd", "Odd", Alert.Kind.VOLUME_SPIKE, List.of())
                .withTimings(Duration.ofMinutes(7), Duration.ofMinutes(70), null, null);

        assertThat(RuleValidation.problems(odd, null)).containsExactly(
                "window must divide a day or be whole days, so windows align to midnight UTC (was 7m): use e.g. 5m, 15m, 1h, 6h or 1d");
    }

    @Test
    void entity_filters_and_post_filters() {
        AlertRule each = AlertRule.of("each", "Each", Alert.Kind.VOLUME_SPIKE, List.of());
        AlertRule all = AlertRule.of("all", "All", Alert.Kind.VOLUME_SPIKE, List.of("*"));
        AlertRule some = new AlertRule("some", "Some", Alert.Kind.TOPIC_BURST, List.of("umg"), "lawsuit", List.of("rss"),
                List.of("en"), null, null, null, null, null, null, null, null, null, null, null, null, null, null);

        assertThat(each.watches("amazon")).isTrue();
        assertThat(each.watches("*")).isFalse();
        assertThat(all.watches("*")).isTrue();
        assertThat(all.watches("amazon")).isFalse();
        assertThat(some.watches("umg")).isTrue();
        assertThat(some.watches("wmg")).isFalse();
        assertThat(some.accepts("rss", "en-GB", List.of("lawsuit"))).isTrue();
        assertThat(some.accepts("rss", null, List.of("lawsuit"))).isTrue();
        assertThat(some.accepts("twitter", "en", List.of("lawsuit"))).isFalse();
        assertThat(some.accepts("rss", "de", List.of("lawsuit"))).isFalse();
        assertThat(some.accepts("rss", "en", List.of("piracy"))).isFalse();
    }

    @Test
    void the_shipped_rules_file_is_valid_against_the_catalogue() {
        List<AlertRule> rules = RulesFile.read(Path.of("..", "config", "alert-rules.json"), catalogue);

        assertThat(rules).extracting(AlertRule::id)
                .containsExactly("amazon-volume-spike", "major-labels-negative-share", "lawsuit-burst", "amazon-sentiment-dip");
        assertThat(rules).allMatch(r -> r.minDistinctTexts() >= 3);
    }

    @Test
    void a_bad_rules_file_is_refused_whole_with_each_rule_named() {
        String file = "{\"rules\":[{\"id\":\"a\",\"name\":\"A\",\"kind\":\"VOLUME_SPIKE\"},"
                + "{\"id\":\"a\",\"name\":\"B\",\"kind\":\"VOLUME_SPIKE\",\"window\":\"1 fortnight\"}]}";

        assertThatThrownBy(() -> RulesFile.parse(file, "rules.json", catalogue))
                .hasMessageContaining("not valid JSON").hasMessageContaining("'1 fortnight' is not a duration");
        assertThatThrownBy(() -> RulesFile.parse(file.replace("1 fortnight", "2h"), "rules.json", catalogue))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessage("the rules file rules.json is not valid: rule #2 'a': the id is used by an earlier rule");
    }

    @Test
    void the_rules_file_writes_what_it_reads() {
        List<AlertRule> rules = RulesFile.read(Path.of("..", "config", "alert-rules.json"), catalogue);

        assertThat(RulesFile.parse(RulesFile.write(rules), "written", catalogue)).isEqualTo(rules);
    }
}
