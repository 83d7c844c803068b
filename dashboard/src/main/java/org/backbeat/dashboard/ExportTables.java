package org.backbeat.dashboard;

import java.util.List;
import java.util.function.Function;
import org.backbeat.alerts.webhook.delivery.Attempt;
import org.backbeat.alerts.webhook.delivery.DeliveryState;
import org.backbeat.core.Alert;
import org.backbeat.core.quantify.ShareQuantifier;
import org.backbeat.dashboard.export.Column;
import org.backbeat.dashboard.export.CsvTable;
import org.backbeat.dashboard.export.ExportKind;
import org.backbeat.dashboard.impact.Coefficient;
import org.backbeat.dashboard.impact.ConfidenceInterval;
import org.backbeat.dashboard.impact.MeanChange;
import org.backbeat.dashboard.impact.SegmentedFit;
import org.backbeat.dashboard.impact.VolumeChange;
import org.backbeat.dashboard.impact.WindowAnalysis;

/**
 * The columns of every export kind but posts ({@link org.backbeat.dashboard.export.PostsTable}), in their documented,
 * stable order (docs/reports.md). Each row is an object the JSON route answers (a series bucket, a voice, a topic,
 * a ranked post, an impact answer): the CSV is the JSON's numbers, never a second computation.
 */
final class ExportTables {

    /**
     * A series bucket with the interval of the chart it belongs to and its corrected shares ({@link CorrectedShares},
     * null when no post of the bucket was scored).
     */
    record SeriesRow(PostQueries.SeriesBucket bucket, Interval interval, ShareQuantifier.Shares corrected) {
        Double corrected(int c) {
            return corrected == null ? null : corrected.estimate()[c];
        }

        Double low(int c) {
            return corrected == null ? null : corrected.low()[c];
        }

        Double high(int c) {
            return corrected == null ? null : corrected.high()[c];
        }
    }

    /** A top post with its rank (1 = first) and the ranking it was ranked by. */
    record RankedPost(int rank, PostQueries.Ranking ranking, PostQueries.PostView post) {
    }

    /** One attempt of a delivery; {@code attempt} is null for a delivery not tried yet (its one row). */
    record DeliveryAttempt(DeliveryState delivery, Attempt attempt) {
        static List<DeliveryAttempt> of(DeliveryState delivery) {
            if (delivery.attempts().isEmpty()) {
                return List.of(new DeliveryAttempt(delivery, null));
            }
            return delivery.attempts().stream().map(a -> new DeliveryAttempt(delivery, a)).toList();
        }
    }

    private ExportTables() {
    }

    /** The alert history as {@code /api/alerts/history} answers it, newest first; the top driver is the first one. */
    static final CsvTable<Alert> ALERTS = CsvTable.of(ExportKind.ALERTS.id(),
            Column.text("id", Alert::id),
            Column.text("time", Alert::firedAt),
            Column.text("state", Alert::state),
            Column.text("rule_id", Alert::ruleId),
            Column.text("rule_name", Alert::ruleName),
            Column.text("kind", Alert::kind),
            Column.text("severity", Alert::severity),
            Column.text("entity", Alert::entity),
            Column.text("topic", Alert::topic),
            Column.text("window_start", Alert::windowStart),
            Column.text("window_end", Alert::windowEnd),
            Column.number("observed", Alert::observed),
            Column.number("baseline_mean", Alert::baselineMean),
            Column.number("baseline_stddev", Alert::baselineStdDev),
            Column.number("threshold", Alert::threshold),
            Column.number("score", Alert::score),
            Column.number("p_value", Alert::pValue),
            Column.number("posts", Alert::posts),
            Column.number("distinct_texts", Alert::distinctTexts),
            Column.text("driven_by_few_texts", a -> String.valueOf(a.drivenByFewTexts())),
            Column.text("top_driver_text", a -> topDriver(a) == null ? null : topDriver(a).text()),
            Column.number("top_driver_copies", a -> topDriver(a) == null ? null : topDriver(a).copies()),
            Column.text("summary", Alert::summary));

    /** The delivery log as {@code /api/alerts/deliveries} answers it, one row per attempt, oldest attempt first. */
    static final CsvTable<DeliveryAttempt> DELIVERIES = CsvTable.of(ExportKind.DELIVERIES.id(),
            Column.text("delivery_id", r -> r.delivery().key()),
            Column.text("alert_id", r -> r.delivery().alertId()),
            Column.text("subscription_id", r -> r.delivery().subscriptionId()),
            Column.text("status", r -> r.delivery().status()),
            Column.text("reason", r -> r.delivery().reason()),
            Column.text("test", r -> r.delivery().test()),
            Column.text("created_at", r -> r.delivery().createdAt()),
            Column.text("updated_at", r -> r.delivery().updatedAt()),
            Column.text("next_attempt_at", r -> r.delivery().nextAttemptAt()),
            Column.text("rule_id", r -> r.delivery().alert().ruleId()),
            Column.text("entity", r -> r.delivery().alert().entity()),
            Column.text("alert_state", r -> r.delivery().alert().state()),
            Column.text("window_start", r -> r.delivery().alert().windowStart()),
            Column.number("attempt", r -> r.attempt() == null ? null : r.attempt().number()),
            Column.text("attempt_at", r -> r.attempt() == null ? null : r.attempt().at()),
            Column.number("status_code", r -> r.attempt() == null ? null : r.attempt().statusCode()),
            Column.number("latency_ms", r -> r.attempt() == null ? null : r.attempt().latencyMs()),
            Column.text("error", r -> r.attempt() == null ? null : r.attempt().error()));

    private static Alert.Driver topDriver(Alert alert) {
        return alert.drivers() == null || alert.drivers().isEmpty() ? null : alert.drivers().get(0);
    }

    static final CsvTable<SeriesRow> SERIES = CsvTable.of(ExportKind.SERIES.id(),
            Column.text("time", r -> r.bucket().time()),
            Column.text("interval", r -> r.interval().id()),
            Column.number("count", r -> r.bucket().count()),
            Column.number("scored", r -> r.bucket().scored()),
            Column.number("mean_score", r -> r.bucket().meanScore()),
            Column.number("ci_low", r -> r.bucket().ciLow()),
            Column.number("ci_high", r -> r.bucket().ciHigh()),
            Column.number("negative_share", r -> r.bucket().negative()),
            Column.number("neutral_share", r -> r.bucket().neutral()),
            Column.number("positive_share", r -> r.bucket().positive()),
            Column.number("negative_posts", r -> r.bucket().labels().negative()),
            Column.number("neutral_posts", r -> r.bucket().labels().neutral()),
            Column.number("positive_posts", r -> r.bucket().labels().positive()),
            Column.number("negative_corrected", r -> r.corrected(0)),
            Column.number("negative_low", r -> r.low(0)),
            Column.number("negative_high", r -> r.high(0)),
            Column.number("neutral_corrected", r -> r.corrected(1)),
            Column.number("neutral_low", r -> r.low(1)),
            Column.number("neutral_high", r -> r.high(1)),
            Column.number("positive_corrected", r -> r.corrected(2)),
            Column.number("positive_low", r -> r.low(2)),
            Column.number("positive_high", r -> r.high(2)));

    static final CsvTable<EntitiesController.Voice> SHARE_OF_VOICE = CsvTable.of(ExportKind.SHARE_OF_VOICE.id(),
            Column.text("entity", EntitiesController.Voice::id),
            Column.text("name", EntitiesController.Voice::name),
            Column.number("count", EntitiesController.Voice::count),
            Column.number("share", EntitiesController.Voice::share),
            Column.number("scored", v -> v.sentiment().scored()),
            Column.number("mean_score", v -> v.sentiment().mean()),
            Column.number("ci_low", v -> v.sentiment().ciLow()),
            Column.number("ci_high", v -> v.sentiment().ciHigh()),
            Column.number("negative_share", v -> v.sentiment().negative()),
            Column.number("neutral_share", v -> v.sentiment().neutral()),
            Column.number("positive_share", v -> v.sentiment().positive()));

    static final CsvTable<PostQueries.TopicStats> TOPICS = CsvTable.of(ExportKind.TOPICS.id(),
            Column.text("topic", PostQueries.TopicStats::topic),
            Column.number("count", PostQueries.TopicStats::count),
            Column.number("share", PostQueries.TopicStats::share),
            Column.number("scored", t -> t.sentiment().scored()),
            Column.number("mean_score", t -> t.sentiment().mean()),
            Column.number("ci_low", t -> t.sentiment().ciLow()),
            Column.number("ci_high", t -> t.sentiment().ciHigh()),
            Column.number("negative_share", t -> t.sentiment().negative()),
            Column.number("neutral_share", t -> t.sentiment().neutral()),
            Column.number("positive_share", t -> t.sentiment().positive()));

    static final CsvTable<RankedPost> TOP_POSTS = CsvTable.of(ExportKind.TOP_POSTS.id(),
            Column.number("rank", RankedPost::rank),
            Column.text("ranking", r -> r.ranking().id()),
            Column.text("id", r -> r.post().id()),
            Column.text("time", r -> r.post().publishedAt()),
            Column.text("source", r -> r.post().source()),
            Column.text("author", r -> r.post().author()),
            Column.text("headline", r -> r.post().headline()),
            Column.text("text", r -> r.post().text()),
            Column.text("url", r -> r.post().url()),
            Column.text("language", r -> r.post().lang()),
            Column.text("sentiment_label", r -> r.post().label()),
            Column.number("sentiment_score", r -> r.post().score()),
            Column.text("targeted", r -> r.post().targeted()),
            Column.number("engagement", r -> r.post().engagement()),
            Column.text("entities", r -> r.post().entities()),
            Column.text("topics", r -> r.post().topics()));

    static final CsvTable<ImpactController.Response> IMPACT = CsvTable.of(ExportKind.IMPACT.id(), impactColumns());

    @SuppressWarnings("unchecked")
    private static Column<ImpactController.Response>[] impactColumns() {
        Function<ImpactController.Response, WindowAnalysis> event = r -> r.result() == null ? null : r.result().event();
        Function<ImpactController.Response, WindowAnalysis> placebo = r -> r.result() == null ? null : r.result().placebo();
        List<Column<ImpactController.Response>> c = new java.util.ArrayList<>(List.of(
                Column.text("event", r -> r.event().id()),
                Column.text("event_date", r -> r.event().date()),
                Column.text("event_title", r -> r.event().title()),
                Column.text("entity", ImpactController.Response::entity),
                Column.text("entity_name", ImpactController.Response::entityName),
                Column.number("window_days", ImpactController.Response::windowDays),
                Column.text("event_time", ImpactController.Response::eventTime),
                Column.number("observations", ImpactController.Response::observations),
                Column.text("truncated", ImpactController.Response::truncated),
                Column.text("weight", r -> event.apply(r) == null || event.apply(r).sentiment() == null ? null
                        : event.apply(r).sentiment().weight())));
        c.addAll(window("", event));
        c.add(Column.text("placebo_time", r -> placebo.apply(r) == null ? null : placebo.apply(r).time()));
        c.addAll(window("placebo_", placebo));
        c.add(Column.text("placebo_note", r -> r.result() == null ? null : r.result().placeboNote()));
        return c.toArray(new Column[0]);
    }

    /** The figures of one window analysis (the event's or the placebo's), prefixed. */
    private static List<Column<ImpactController.Response>> window(String prefix,
                                                                  Function<ImpactController.Response, WindowAnalysis> w) {
        Function<ImpactController.Response, MeanChange> s = r -> w.apply(r) == null ? null : w.apply(r).sentiment();
        Function<ImpactController.Response, VolumeChange> v = r -> w.apply(r) == null ? null : w.apply(r).volume();
        Function<ImpactController.Response, SegmentedFit> its = r -> w.apply(r) == null ? null : w.apply(r).sentimentTrend();
        Function<ImpactController.Response, SegmentedFit> vits = r -> w.apply(r) == null ? null : w.apply(r).volumeTrend();
        return List.of(
                Column.number(prefix + "count_before", r -> get(s.apply(r), MeanChange::countBefore)),
                Column.number(prefix + "count_after", r -> get(s.apply(r), MeanChange::countAfter)),
                Column.number(prefix + "texts_before", r -> get(s.apply(r), MeanChange::textsBefore)),
                Column.number(prefix + "texts_after", r -> get(s.apply(r), MeanChange::textsAfter)),
                Column.number(prefix + "mean_before", r -> get(s.apply(r), MeanChange::meanBefore)),
                Column.number(prefix + "mean_after", r -> get(s.apply(r), MeanChange::meanAfter)),
                Column.number(prefix + "difference", r -> get(s.apply(r), MeanChange::difference)),
                Column.number(prefix + "ci_low", r -> get(s.apply(r), m -> lower(m.welch()))),
                Column.number(prefix + "ci_high", r -> get(s.apply(r), m -> upper(m.welch()))),
                Column.number(prefix + "p_value", r -> get(s.apply(r), MeanChange::welchP)),
                Column.number(prefix + "ci_low_ignoring_copies", r -> get(s.apply(r), m -> lower(m.ignoringCopies()))),
                Column.number(prefix + "ci_high_ignoring_copies", r -> get(s.apply(r), m -> upper(m.ignoringCopies()))),
                Column.number(prefix + "bootstrap_ci_low", r -> get(s.apply(r), m -> lower(m.bootstrap()))),
                Column.number(prefix + "bootstrap_ci_high", r -> get(s.apply(r), m -> upper(m.bootstrap()))),
                Column.number(prefix + "posts_per_day_before", r -> get(v.apply(r), VolumeChange::perDayBefore)),
                Column.number(prefix + "posts_per_day_after", r -> get(v.apply(r), VolumeChange::perDayAfter)),
                Column.number(prefix + "volume_change", r -> get(v.apply(r), VolumeChange::difference)),
                Column.number(prefix + "volume_ci_low", r -> get(v.apply(r), x -> lower(x.interval()))),
                Column.number(prefix + "volume_ci_high", r -> get(v.apply(r), x -> upper(x.interval()))),
                Column.number(prefix + "its_level_change", r -> get(its.apply(r), f -> estimate(f.levelChange()))),
                Column.number(prefix + "its_level_p", r -> get(its.apply(r), f -> p(f.levelChange()))),
                Column.number(prefix + "its_slope_change", r -> get(its.apply(r), f -> estimate(f.slopeChange()))),
                Column.number(prefix + "its_slope_p", r -> get(its.apply(r), f -> p(f.slopeChange()))),
                Column.number(prefix + "its_volume_level_change", r -> get(vits.apply(r), f -> estimate(f.levelChange()))),
                Column.number(prefix + "its_volume_slope_change", r -> get(vits.apply(r), f -> estimate(f.slopeChange()))),
                Column.text(prefix + "notes", r -> w.apply(r) == null ? null : String.join(" ", w.apply(r).notes())));
    }

    private static <T> Object get(T value, Function<T, Object> f) {
        return value == null ? null : f.apply(value);
    }

    private static Double lower(ConfidenceInterval i) {
        return i == null ? null : i.lower();
    }

    private static Double upper(ConfidenceInterval i) {
        return i == null ? null : i.upper();
    }

    private static Double estimate(Coefficient c) {
        return c == null ? null : c.estimate();
    }

    private static Double p(Coefficient c) {
        return c == null ? null : c.p();
    }
}
