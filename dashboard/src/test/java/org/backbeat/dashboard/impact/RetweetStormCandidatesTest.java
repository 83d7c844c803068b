package org.backbeat.dashboard.impact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded daily series of distinct texts, a few retweeted a little, and on one day a storm of copies of one strongly
 * negative or positive news text: opinion does not shift, the posts' daily mean does. The posts' and the texts'
 * daily series are computed here, as the series API defines them (texts: the mean of the per-text means, counted by
 * distinct texts), and the detector must not offer the storm by default; a true shift of every text's opinion it
 * must still find.
 */
class RetweetStormCandidatesTest {

    private static final LocalDate DAY0 = LocalDate.of(2011, 3, 1);
    private static final int DAYS = 60;
    private final ChangePointDetector detector = new ChangePointDetector(ChangePointConfig.defaults());

    /** The posts' and the texts' daily series, sentiment and volume. */
    record Days(List<DailyBucket> posts, List<DailyBucket> texts) {
    }

    /**
     * 150–250 texts a day with scores N(0.05 + shift, 0.4) clipped to [-1, 1]; one in ten copied 1–3 more times;
     * on {@code stormDay} one text of score ±0.8 copied 100–300 times.
     */
    static Days simulate(long seed, int stormDay, int shiftDay, double shift) {
        Random random = new Random(seed);
        List<DailyBucket> posts = new ArrayList<>();
        List<DailyBucket> texts = new ArrayList<>();
        for (int d = 0; d < DAYS; d++) {
            List<double[]> day = new ArrayList<>(); // {score, copies}
            int n = 150 + random.nextInt(101);
            double mean = 0.05 + (d >= shiftDay ? shift : 0);
            for (int i = 0; i < n; i++) {
                double score = Math.max(-1, Math.min(1, mean + random.nextGaussian() * 0.4));
                int copies = random.nextInt(10) == 0 ? 2 + random.nextInt(3) : 1;
                day.add(new double[] {score, copies});
            }
            if (d == stormDay) {
                day.add(new double[] {random.nextBoolean() ? 0.8 : -0.8, 100 + random.nextInt(201)});
            }
            long postCount = 0;
            double postSum = 0;
            double textSum = 0;
            for (double[] text : day) {
                postCount += (long) text[1];
                postSum += text[0] * text[1];
                textSum += text[0]; // copies of one text share its score: the text's mean is that score
            }
            posts.add(new DailyBucket(DAY0.plusDays(d), postCount, postSum / postCount));
            texts.add(new DailyBucket(DAY0.plusDays(d), day.size(), textSum / day.size()));
        }
        return new Days(posts, texts);
    }

    /** What the candidates API offers by default (weight=posts, without the candidates few texts made). */
    private List<CandidatePoint> offered(Days days) {
        List<CandidatePoint> all = new ArrayList<>(detector.sentimentShifts(days.posts(), days.texts()));
        all.addAll(detector.volumeBursts(days.posts(), days.texts()));
        return all.stream().filter(c -> !c.drivenByFewTexts()).toList();
    }

    @Test
    void retweet_storms_without_a_shift_are_rarely_offered_as_candidates() {
        // given 100 seeded series with a storm on a random day and no shift
        int falseByDefault = 0;
        int falseCountingPosts = 0;
        int stormBursts = 0;
        int stormMarked = 0;
        for (int seed = 1; seed <= 100; seed++) {
            int stormDay = 10 + new Random(seed * 31L).nextInt(40);
            Days days = simulate(seed, stormDay, Integer.MAX_VALUE, 0);

            // when
            List<CandidatePoint> offered = offered(days);
            List<CandidatePoint> countingPosts = new ArrayList<>(detector.sentimentShifts(days.posts()));
            countingPosts.addAll(detector.volumeBursts(days.posts()));

            // then (counted)
            falseByDefault += offered.isEmpty() ? 0 : 1;
            falseCountingPosts += countingPosts.isEmpty() ? 0 : 1;
            LocalDate storm = DAY0.plusDays(stormDay);
            for (CandidatePoint burst : detector.volumeBursts(days.posts(), days.texts())) {
                if (burst.day().equals(storm)) {
                    stormBursts++;
                    stormMarked += burst.drivenByFewTexts() ? 1 : 0;
                }
            }
        }
        System.out.printf("retweet storms, no shift, 100 series: false candidates by default %d, counting every post %d,"
                + " storm bursts %d, marked drivenByFewTexts %d%n", falseByDefault, falseCountingPosts, stormBursts, stormMarked);
        assertThat(falseByDefault).isLessThanOrEqualTo(5);
        assertThat(falseCountingPosts).as("without the texts' check the storms are offered").isGreaterThan(50);
        assertThat(stormBursts).as("most storms burst the posts' volume").isGreaterThan(50);
        assertThat(stormMarked).isEqualTo(stormBursts);
    }

    @Test
    void a_true_shift_with_a_storm_is_still_found_and_not_marked() {
        // given 100 seeded series whose every text shifts by -0.15 on day 30, and a storm on another day
        int found = 0;
        for (int seed = 1; seed <= 100; seed++) {
            int stormDay = 5 + new Random(seed * 17L).nextInt(20);
            Days days = simulate(1000 + seed, stormDay, 30, -0.15);

            // when
            List<CandidatePoint> offered = offered(days);

            // then (counted)
            LocalDate shiftDay = DAY0.plusDays(30);
            found += offered.stream().anyMatch(c -> c.metric().equals(CandidatePoint.SENTIMENT)
                    && Math.abs(c.day().toEpochDay() - shiftDay.toEpochDay()) <= 1 && c.after() < c.before()) ? 1 : 0;
        }
        System.out.printf("true shift of -0.15 with a storm, 100 series: found by default %d%n", found);
        assertThat(found).isGreaterThanOrEqualTo(95);
    }
}
