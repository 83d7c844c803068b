package org.backbeat.dashboard;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.backbeat.dashboard.impact.CandidatePoint;
import org.backbeat.dashboard.impact.ChangePointConfig;
import org.backbeat.dashboard.impact.ChangePointDetector;
import org.backbeat.dashboard.impact.DailyBucket;

/**
 * The candidate events of an entity: its daily series read twice, by posts and by distinct texts, and the
 * {@link ChangePointDetector} run on the one the weight asks for. With {@code weight=posts} each candidate is checked
 * against the texts' series and marked {@code drivenByFewTexts} when it is not there once every text counts once;
 * those are left out unless asked for. With {@code weight=texts} the detector reads the texts' series itself.
 */
final class CandidateFinder {

    /** What was found: the days the series covers and the candidates, strongest first. */
    record Found(int days, List<CandidatePoint> candidates) {
    }

    private final PostQueries queries;
    private final ChangePointConfig config;
    private final ChangePointDetector detector;

    CandidateFinder(PostQueries queries, ChangePointConfig config) {
        this.queries = queries;
        this.config = config;
        this.detector = new ChangePointDetector(config);
    }

    /**
     * @param metric                 sentiment, volume or all
     * @param includeDrivenByFewTexts also offer the candidates a few repeated texts made
     */
    Found find(String entity, TimeRange range, String metric, Weight weight, boolean includeDrivenByFewTexts) {
        PostFilter filter = PostFilter.entity(entity, range);
        List<PostQueries.SeriesBucket> posts = queries.series(filter, Interval.DAY, Weight.POSTS);
        List<PostQueries.SeriesBucket> texts = queries.series(filter, Interval.DAY, Weight.TEXTS);
        List<DailyBucket> scoredPosts = new ArrayList<>();
        List<DailyBucket> volumePosts = new ArrayList<>();
        List<DailyBucket> scoredTexts = new ArrayList<>();
        List<DailyBucket> volumeTexts = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            PostQueries.SeriesBucket p = posts.get(i);
            PostQueries.SeriesBucket t = texts.get(i);
            LocalDate day = p.time().atOffset(ZoneOffset.UTC).toLocalDate();
            // sentiment: weighted by the scored posts (or texts); volume: every post (or text), scored or not
            scoredPosts.add(DailyBucket.of(day, p.scored(), p.meanScore()));
            volumePosts.add(new DailyBucket(day, p.count(), 0));
            scoredTexts.add(DailyBucket.of(day, t.scoredTexts(), t.meanScore()));
            volumeTexts.add(new DailyBucket(day, t.distinctTexts(), 0));
        }
        List<CandidatePoint> found = new ArrayList<>();
        boolean byTexts = weight == Weight.TEXTS;
        if (!CandidatePoint.VOLUME.equals(metric)) {
            found.addAll(byTexts ? detector.sentimentShifts(scoredTexts) : detector.sentimentShifts(scoredPosts, scoredTexts));
        }
        if (!CandidatePoint.SENTIMENT.equals(metric)) {
            found.addAll(byTexts ? detector.volumeBursts(volumeTexts) : detector.volumeBursts(volumePosts, volumeTexts));
        }
        List<CandidatePoint> offered = found.stream()
                .filter(c -> includeDrivenByFewTexts || !c.drivenByFewTexts())
                .sorted(Comparator.comparingDouble(CandidatePoint::strength).reversed().thenComparing(CandidatePoint::day))
                .limit(config.maxCandidates())
                .toList();
        return new Found(posts.size(), offered);
    }
}
