package org.backbeat.dashboard.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.backbeat.dashboard.TimeRange;
import org.junit.jupiter.api.Test;

class RelativePeriodTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void last_n_days_are_the_whole_days_before_the_runs_day_in_its_zone() {
        TimeRange range = RelativePeriod.parse("last 7 days").range(LocalDate.parse("2011-04-04"), LONDON);

        // London is on BST (UTC+1) from 27 March 2011: midnight there is 23:00 UTC the day before
        assertThat(range.from()).isEqualTo(Instant.parse("2011-03-27T23:00:00Z"));
        assertThat(range.to()).isEqualTo(Instant.parse("2011-04-03T23:00:00Z"));
        assertThat(RelativePeriod.parse("last-7-days")).isEqualTo(RelativePeriod.parse("Last 7  Days"));
        assertThat(RelativePeriod.parse("yesterday").range(LocalDate.parse("2011-04-04"), ZoneOffset.UTC))
                .isEqualTo(new TimeRange(Instant.parse("2011-04-03T00:00:00Z"), Instant.parse("2011-04-04T00:00:00Z")));
    }

    @Test
    void previous_month_and_previous_week_are_calendar_periods() {
        assertThat(RelativePeriod.parse("previous month").range(LocalDate.parse("2011-03-01"), ZoneOffset.UTC))
                .isEqualTo(new TimeRange(Instant.parse("2011-02-01T00:00:00Z"), Instant.parse("2011-03-01T00:00:00Z")));
        assertThat(RelativePeriod.parse("previous-month").range(LocalDate.parse("2011-03-31"), ZoneOffset.UTC))
                .isEqualTo(new TimeRange(Instant.parse("2011-02-01T00:00:00Z"), Instant.parse("2011-03-01T00:00:00Z")));
        // 2011-04-06 is a Wednesday: the previous week is Monday 28 March to Sunday 3 April
        assertThat(RelativePeriod.parse("previous week").range(LocalDate.parse("2011-04-06"), ZoneOffset.UTC))
                .isEqualTo(new TimeRange(Instant.parse("2011-03-28T00:00:00Z"), Instant.parse("2011-04-04T00:00:00Z")));
    }

    @Test
    void an_unknown_period_says_which_are_known() {
        assertThatThrownBy(() -> RelativePeriod.parse("last fortnight"))
                .hasMessage("period must be 'last N days' (N from 1 to 366), 'yesterday', 'previous week' or 'previous month', was 'last fortnight'");
        assertThatThrownBy(() -> RelativePeriod.parse("last 0 days")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_schedule_finds_its_latest_moment_and_a_definition_lists_every_problem() {
        Schedule daily = new Schedule("day", null, "07:00", "UTC");
        assertThat(daily.latestAtOrBefore(Instant.parse("2011-04-04T06:59:59Z")).toInstant()).isEqualTo(Instant.parse("2011-04-03T07:00:00Z"));
        assertThat(daily.latestAtOrBefore(Instant.parse("2011-04-04T07:00:00Z")).toInstant()).isEqualTo(Instant.parse("2011-04-04T07:00:00Z"));
        assertThat(daily.nextAfter(Instant.parse("2011-04-04T07:00:00Z")).toInstant()).isEqualTo(Instant.parse("2011-04-05T07:00:00Z"));

        ReportDefinition bad = new ReportDefinition("Bad Name", "pie", Map.of("from", "2011-01-01"), "soon",
                new Schedule("month", null, "25:00", "Mars/Olympus"), null);
        assertThat(bad.problems()).containsExactly(
                "name must be lower-case letters, digits and single dashes (at most 64), like 'amazon-weekly'",
                "kind must be one of posts, series, share-of-voice, topics, top-posts, impact, alerts, deliveries",
                "filters must not hold from/to: the period sets them for each run",
                "period must be 'last N days' (N from 1 to 366), 'yesterday', 'previous week' or 'previous month', was 'soon'",
                "schedule.every must be 'day' or 'week'",
                "schedule.time must be a time like '07:00'",
                "schedule.zone must be a time zone id like 'Europe/London' or 'UTC'");
    }
}
