package org.backbeat.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.backbeat.alerts.TopologyFixture.hour;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.backbeat.alerts.rules.AlertRule;
import org.backbeat.core.Alert;
import org.backbeat.core.DeadLetter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert topology through its production build method, on event time. */
class AlertTopologyTest {

    @TempDir
    Path stateDir;

    @Test
    void a_volume_spike_fires_once_per_cooldown_with_event_times_and_stable_ids() {
        try (TopologyFixture f = new TopologyFixture(stateDir)) {
            // given an hourly volume rule (baseline 24 h, cooldown 6 h) and 5 posts an hour
            AlertRule rule = TopologyFixture.hourlyVolume("amazon-volume", "amazon");
            f.rule(rule);
            for (int h = 0; h < 48; h++) {
                // when hours 30, 33 (inside the cooldown) and 40 (after it) have 40 posts
                f.hourOf("amazon", h, h == 30 || h == 33 || h == 40 ? 40 : 5, 0.1);
            }

            // then the spikes at 30 and 40 fire, each once, and resolve when the next hour closes quiet
            List<TestRecord<String, Alert>> out = f.alerts();
            assertThat(out).extracting(r -> r.value().state(), r -> r.value().windowStart())
                    .containsExactly(tuple(Alert.State.FIRING, hour(30)), tuple(Alert.State.RESOLVED, hour(31)),
                            tuple(Alert.State.FIRING, hour(40)), tuple(Alert.State.RESOLVED, hour(41)));
            Alert first = out.get(0).value();
            assertThat(out.get(0).key()).isEqualTo(first.id()).isEqualTo(Alert.idOf("amazon-volume", "amazon", hour(30), Alert.State.FIRING));
            // fired by the post that passed the threshold (5 + 3·√5 = 11.7): the 12th of 40 spread over the hour
            assertThat(first.firedAt()).isEqualTo(hour(30 + 11.5 / 40));
            assertThat(out.get(0).getRecordTime()).isEqualTo(first.firedAt());
            assertThat(first.posts()).isEqualTo(12);
            assertThat(first.threshold()).isCloseTo(5 + 3 * Math.sqrt(5), org.assertj.core.api.Assertions.within(1e-9));
            assertThat(first.samples()).isNotEmpty();
            // the resolve notice closes the window after and pairs with the firing alert's id
            assertThat(out.get(1).key()).isEqualTo(Alert.idOf("amazon-volume", "amazon", hour(30), Alert.State.RESOLVED));
            assertThat(out.get(1).value().firedAt()).isEqualTo(hour(32));
        }
    }

    @Test
    void late_posts_within_the_grace_period_count_and_later_ones_do_not() {
        AlertRule rule = TopologyFixture.hourlyVolume("amazon-volume", "amazon");
        // given 8 posts in hour 30 (12 are needed), then event time moves to 31:05
        try (TopologyFixture f = new TopologyFixture(stateDir.resolve("a"))) {
            f.rule(rule);
            for (int h = 0; h < 30; h++) {
                f.hourOf("amazon", h, 5, 0.1);
            }
            for (int i = 0; i < 8; i++) {
                f.post("amazon", hour(30.1 + i * 0.05), "on time " + i, 0.1);
            }
            f.post("amazon", hour(31 + 5 / 60.0), "next hour", 0.1);
            // when 4 posts of 30:50 arrive late, within the 15 minutes of grace
            for (int i = 0; i < 4; i++) {
                f.post("amazon", hour(30 + 50 / 60.0), "late " + i, 0.1);
            }
            // then they count: the window of hour 30 fires
            assertThat(f.alerts()).extracting(r -> r.value().state(), r -> r.value().windowStart(), r -> r.value().posts())
                    .containsExactly(tuple(Alert.State.FIRING, hour(30), 12L));
        }
        try (TopologyFixture f = new TopologyFixture(stateDir.resolve("b"))) {
            f.rule(rule);
            for (int h = 0; h < 30; h++) {
                f.hourOf("amazon", h, 5, 0.1);
            }
            for (int i = 0; i < 8; i++) {
                f.post("amazon", hour(30.1 + i * 0.05), "on time " + i, 0.1);
            }
            // when event time has passed 31:15 (end + grace) before they arrive
            f.post("amazon", hour(31 + 20 / 60.0), "next hour", 0.1);
            for (int i = 0; i < 4; i++) {
                f.post("amazon", hour(30 + 50 / 60.0), "late " + i, 0.1);
            }
            // then they are too late: nothing fires
            assertThat(f.alerts()).isEmpty();
        }
    }

    @Test
    void a_storm_of_one_negative_text_fires_nothing_by_default_and_says_so_when_one_text_is_allowed() {
        AlertRule volume = TopologyFixture.hourlyVolume("amazon-volume", "amazon");
        AlertRule negative = new AlertRule("amazon-negative", "Amazon negative share", Alert.Kind.SENTIMENT_DIP, List.of("amazon"),
                null, null, null, Duration.ofHours(1), Duration.ofHours(24), null, null, AlertRule.Metric.NEGATIVE_SHARE, 0.99,
                null, null, 3, null, null, null, null, null);
        for (int minTexts : new int[] {AlertRule.DEFAULT_MIN_DISTINCT_TEXTS, 1}) {
            try (TopologyFixture f = new TopologyFixture(stateDir.resolve("min" + minTexts))) {
                // given a normal day of 20 posts an hour, a quarter of them negative
                f.rule(volume.withMinimums(10, minTexts));
                f.rule(negative.withMinimums(10, minTexts));
                for (int h = 0; h < 26; h++) {
                    for (int i = 0; i < 20; i++) {
                        f.post("amazon", hour(h + (i + 0.5) / 20), "amazon post " + h + "-" + i, i % 4 == 0 ? -0.6 : 0.3);
                    }
                    // when hour 24 also carries 150 copies of one negative text (retweets, with links)
                    if (h == 24) {
                        for (int c = 0; c < 150; c++) {
                            f.post("amazon", hour(24 + (c + 0.25) / 150), "RT @news" + c % 7 + ": Amazon is stealing our music! http://t.co/" + c, -0.8);
                        }
                    }
                }

                List<Alert> alerts = f.alerts().stream().map(TestRecord::value).toList();
                if (minTexts == AlertRule.DEFAULT_MIN_DISTINCT_TEXTS) {
                    // then by default nothing fires
                    assertThat(alerts).isEmpty();
                } else {
                    // and with one distinct text allowed, both rules fire and say what drove them
                    assertThat(alerts).filteredOn(a -> a.state() == Alert.State.FIRING)
                            .extracting(Alert::ruleId).containsExactlyInAnyOrder("amazon-volume", "amazon-negative");
                    assertThat(alerts).filteredOn(a -> a.state() == Alert.State.FIRING)
                            .allSatisfy(a -> {
                                assertThat(a.summary()).contains("driven by 1 distinct text, 150 copies: \"RT @news");
                                assertThat(a.drivers().get(0).copies()).isEqualTo(150);
                                assertThat(a.drivenByFewTexts()).as("the alert says it rests on few texts").isTrue();
                            });
                    // a shift resting on few texts waits for its window to close, so the alert counts the whole
                    // storm: 170 posts, 21 distinct texts, fired at the window's end
                    assertThat(alerts).extracting(Alert::state, Alert::posts, Alert::distinctTexts, Alert::firedAt)
                            .containsOnly(tuple(Alert.State.FIRING, 170L, 21L, hour(25)));
                }
            }
        }
    }

    @Test
    void pending_then_firing_then_resolved() {
        try (TopologyFixture f = new TopologyFixture(stateDir)) {
            // given a rule that needs the condition to hold 30 minutes
            f.rule(TopologyFixture.hourlyVolume("amazon-volume", "amazon").withTimings(null, null, Duration.ofMinutes(30), null));
            for (int h = 0; h < 24; h++) {
                f.hourOf("amazon", h, 5, 0.1);
            }
            // when hour 24 passes the threshold at 24:11 (12th post of 60, one a minute) and stays above
            f.hourOf("amazon", 24, 60, 0.1);
            List<TestRecord<String, Alert>> during = f.alerts();
            f.hourOf("amazon", 25, 5, 0.1);
            f.hourOf("amazon", 26, 5, 0.1);

            // then it fires at 24:41.5 (30 min after 24:11.5), not before, and resolves when hour 25 closes quiet
            assertThat(during).extracting(r -> r.value().state(), r -> r.value().firedAt(), r -> r.value().drivenByFewTexts())
                    .containsExactly(tuple(Alert.State.FIRING, hour(24 + 41.5 / 60), false));
            assertThat(f.alerts()).extracting(r -> r.value().state(), r -> r.value().windowStart(), r -> r.value().firedAt())
                    .containsExactly(tuple(Alert.State.RESOLVED, hour(25), hour(26)));
        }
    }

    @Test
    void a_rule_change_takes_effect_without_a_restart_and_keeps_the_history() {
        try (TopologyFixture f = new TopologyFixture(stateDir)) {
            // given a rule too insensitive to fire (k = 10)
            AlertRule rule = TopologyFixture.hourlyVolume("amazon-volume", "amazon").withK(10);
            f.rule(rule);
            for (int h = 0; h < 24; h++) {
                f.hourOf("amazon", h, 5, 0.1);
            }
            f.hourOf("amazon", 24, 20, 0.1);
            f.hourOf("amazon", 25, 5, 0.1); // hour 24 closes at 25:15
            assertThat(f.alerts()).isEmpty();

            // when the running topology gets k = 2 (same history) and the next spike comes
            f.rule(rule.withK(2));
            f.hourOf("amazon", 26, 20, 0.1);
            assertThat(f.alerts()).extracting(r -> r.value().state(), r -> r.value().windowStart())
                    .containsExactly(tuple(Alert.State.FIRING, hour(26)));

            // and when the rule is disabled, then deleted, no later spike fires
            f.rule(rule.withK(2).withEnabled(false));
            f.hourOf("amazon", 27, 5, 0.1);
            f.hourOf("amazon", 40, 30, 0.1);
            f.deleteRule("amazon-volume");
            f.hourOf("amazon", 60, 40, 0.1);
            assertThat(f.alerts()).isEmpty();
        }
    }

    @Test
    void a_new_rule_for_another_entity_starts_from_its_first_post() {
        try (TopologyFixture f = new TopologyFixture(stateDir)) {
            f.rule(TopologyFixture.hourlyVolume("amazon-volume", "amazon"));
            for (int h = 0; h < 10; h++) {
                f.hourOf("spotify", h, 5, 0.1);
            }
            f.rule(TopologyFixture.hourlyVolume("spotify-volume", "spotify"));
            // the spotify rule has seen no history: hours 10-12 build its baseline, 13 spikes
            for (int h = 10; h < 14; h++) {
                f.hourOf("spotify", h, h == 13 ? 30 : 5, 0.1);
            }
            assertThat(f.alerts()).extracting(r -> r.value().ruleId(), r -> r.value().windowStart())
                    .containsExactly(tuple("spotify-volume", hour(13)));
        }
    }

    @Test
    void unreadable_and_future_records_are_dead_letters_and_deletes_are_skipped() {
        try (TopologyFixture f = new TopologyFixture(stateDir)) {
            f.rule(TopologyFixture.hourlyVolume("amazon-volume", "amazon"));
            f.raw("twitter:1", "{oops");
            f.raw("twitter:2", null);
            f.raw("twitter:3", "{\"schemaVersion\":3,\"post\":{\"id\":\"twitter:3\",\"source\":\"twitter\","
                    + "\"publishedAt\":\"2031-01-01T00:00:00Z\",\"text\":\"from the future\"},"
                    + "\"sentiment\":{\"label\":\"NEUTRAL\",\"score\":0.0,\"confidence\":0.5},\"model\":\"m\",\"scoredAt\":\"2026-11-23T10:00:00Z\"}");

            assertThat(f.deadLetters()).extracting(DeadLetter::key, DeadLetter::stage)
                    .containsExactly(tuple("twitter:1", "alerts"), tuple("twitter:3", "alerts"));
            assertThat(f.deadLetters()).isEmpty();
        }
    }

    @Test
    void a_replay_of_history_fires_the_same_alerts_with_the_same_ids_and_event_times() {
        List<List<String>> runs = new java.util.ArrayList<>();
        for (String run : new String[] {"first", "replay"}) {
            try (TopologyFixture f = new TopologyFixture(stateDir.resolve(run))) {
                f.rule(TopologyFixture.hourlyVolume("amazon-volume", "amazon"));
                for (int h = 0; h < 40; h++) {
                    f.hourOf("amazon", h, h == 20 || h == 35 ? 30 : 5, 0.1);
                }
                runs.add(f.alerts().stream().map(r -> r.key() + "@" + r.getRecordTime()).toList());
            }
        }

        assertThat(runs.get(0)).hasSize(4).isEqualTo(runs.get(1));
        assertThat(runs.get(0).get(0)).isEqualTo(Alert.idOf("amazon-volume", "amazon", hour(20), Alert.State.FIRING)
                + "@" + hour(20 + 11.5 / 30));
    }

    @Test
    void a_topic_burst_counts_only_posts_with_its_topic() {
        try (TopologyFixture f = new TopologyFixture(stateDir)) {
            AlertRule burst = new AlertRule("umg-lawsuit", "UMG lawsuit talk", Alert.Kind.TOPIC_BURST, List.of("umg"), "lawsuit",
                    null, null, Duration.ofHours(1), Duration.ofHours(24), null, null, null, null, 5, null, 3, null, null, null, null, null);
            f.rule(burst);
            for (int h = 0; h < 12; h++) {
                f.hourOf("umg", h, 20, 0.0); // plenty of posts about UMG, none about a lawsuit
                f.post("umg", hour(h + 0.9), "umg lawsuit rumour " + h, -0.3, "lawsuit");
            }
            for (int i = 0; i < 8; i++) {
                f.post("umg", hour(12 + i / 10.0), "UMG sues over lawsuit item " + i, -0.5, "lawsuit");
            }

            List<Alert> alerts = f.alerts().stream().map(TestRecord::value).toList();
            // baseline 1 lawsuit post an hour (σ floor 1): threshold 4, so the 5th lawsuit post fires (minPosts 5)
            assertThat(alerts).extracting(Alert::kind, Alert::topic, Alert::posts, Alert::firedAt)
                    .containsExactly(tuple(Alert.Kind.TOPIC_BURST, "lawsuit", 5L, hour(12.4)));
            assertThat(alerts.get(0).summary()).startsWith("Topic burst 'lawsuit' for umg: 5 posts in 1h vs 1 ± 0 (threshold 4, k = 3)");
        }
    }
}
