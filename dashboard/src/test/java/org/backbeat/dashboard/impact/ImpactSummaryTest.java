package org.backbeat.dashboard.impact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImpactSummaryTest {

    private static final Instant EVENT = Instant.parse("2011-03-29T00:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);

    private static MeanChange sentiment(double difference, double lower, double upper) {
        return new MeanChange("posts", 120, 340, 120, 340, 0.2, 0.2 + difference, 0.3, 0.3, difference,
                new ConfidenceInterval(lower, upper), -3.1, 250, 0.002, new ConfidenceInterval(lower, upper),
                new ConfidenceInterval(lower, upper), 2000);
    }

    private static VolumeChange volume(double before, double after, double lower, double upper) {
        return new VolumeChange(7, 7, (int) (before * 7), (int) (after * 7), before, after, after - before,
                new ConfidenceInterval(lower, upper), 2.5, VolumeChange.METHOD);
    }

    private static WindowAnalysis window(Instant time, MeanChange sentiment, VolumeChange volume, List<String> notes) {
        return new WindowAnalysis(time, time.minus(WEEK), time.plus(WEEK), sentiment != null, notes, sentiment, volume, null, null);
    }

    @Test
    void a_clear_fall_and_rise_are_worded_with_their_intervals_and_the_placebo() {
        // given
        ImpactResult result = new ImpactResult(WEEK, WEEK, 0.95,
                window(EVENT, sentiment(-0.12, -0.19, -0.05), volume(17.1, 157.1, 120.4, 159.6), List.of()),
                window(EVENT.minus(Duration.ofDays(14)), sentiment(0.01, -0.04, 0.06), volume(17, 17.1, -5, 5), List.of()),
                "placebo at ...");

        // when
        ImpactSummary summary = ImpactSummary.describe(result, "Amazon", "Amazon Cloud Drive launch");

        // then
        assertThat(summary.sentiment()).isEqualTo("Opinion of Amazon fell by 0.12 (95% CI 0.05 to 0.19) in the 7 days after "
                + "Amazon Cloud Drive launch, compared with the 7 days before (120 posts before, 340 after).");
        assertThat(summary.volume()).isEqualTo("Volume rose by 140.0 posts/day (95% CI 120.4 to 159.6), from 17.1 to 157.1 posts/day.");
        assertThat(summary.placebo()).isEqualTo("The placebo date (2011-03-15, no known event) shows a change of +0.01 "
                + "(95% CI \u22120.04 to +0.06), what no effect looks like.");
        assertThat(summary.text()).isEqualTo(summary.sentiment() + " " + summary.volume() + " " + summary.placebo());
    }

    @Test
    void an_interval_across_zero_is_no_clear_change_never_a_rise_or_fall() {
        ImpactResult result = new ImpactResult(WEEK, WEEK, 0.95,
                window(EVENT, sentiment(0.03, -0.02, 0.08), volume(20, 18, -6.5, 2.5), List.of()),
                null, "every date within 8 spans before the event has another known event in its windows");

        ImpactSummary summary = ImpactSummary.describe(result, "Spotify", "Spotify's US launch");

        assertThat(summary.sentiment()).startsWith("Opinion of Spotify showed no clear change (+0.03, 95% CI \u22120.02 to +0.08) in the 7 days");
        assertThat(summary.volume()).isEqualTo("Volume showed no clear change (\u22122.0 posts/day, 95% CI \u22126.5 to +2.5 posts/day), from 20.0 to 18.0 posts/day.");
        assertThat(summary.placebo()).isEqualTo("No placebo date could be checked: every date within 8 spans before "
                + "the event has another known event in its windows.");
    }

    @Test
    void too_little_data_is_said_in_words() {
        String note = "not enough data to compare sentiment: 3 posts before and 12 after; at least 5 on each side are needed";
        ImpactResult result = new ImpactResult(WEEK, WEEK, 0.95, window(EVENT, null, null, List.of(note)),
                window(EVENT.minus(Duration.ofDays(14)), null, null, List.of(note)), "placebo at ...");

        ImpactSummary summary = ImpactSummary.describe(result, "MP3tunes", "the ruling");

        assertThat(summary.sentiment()).isEqualTo("There is not enough data to say how opinion of MP3tunes changed after the ruling: " + note + ".");
        assertThat(summary.volume()).isEqualTo("There are too few posts to compare volume.");
        assertThat(summary.placebo()).isEqualTo("The placebo date (2011-03-15, no known event) has too little data to show what \"no effect\" looks like.");
    }

    @Test
    void a_clear_change_at_the_placebo_date_warns_the_reader() {
        ImpactResult result = new ImpactResult(WEEK, WEEK, 0.95,
                window(EVENT, sentiment(-0.12, -0.19, -0.05), volume(17.1, 157.1, 120.4, 159.6), List.of()),
                window(EVENT.minus(Duration.ofDays(14)), sentiment(0.10, 0.04, 0.16), volume(17, 17.1, -5, 5), List.of()),
                "placebo at ...");

        assertThat(ImpactSummary.describe(result, "Amazon", "the launch").placebo())
                .endsWith(": changes of this size happen without an event, so read the event's change with care.");
    }
}
