package org.backbeat.dashboard.impact;

import java.util.List;

/**
 * How long one {@link ImpactEstimator#estimate} (event + placebo, 2000 bootstrap resamples) takes for a given
 * number of posts a day; not a test. Run: {@code java -cp <test classpath> org.backbeat.dashboard.impact.ImpactBenchmark}.
 */
public final class ImpactBenchmark {

    private ImpactBenchmark() {
    }

    public static void main(String[] args) {
        ImpactEstimator estimator = new ImpactEstimator(ImpactConfig.defaults());
        for (int perDay : new int[] {100, 1_000, 5_000}) {
            List<Observation> posts = new Synthetic(1).posts(-21, 7, d -> perDay, d -> 0.1, 0.3);
            for (int warm = 0; warm < 3; warm++) {
                estimator.estimate(posts, Synthetic.EVENT);
            }
            int runs = 5;
            long start = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                estimator.estimate(posts, Synthetic.EVENT);
            }
            double ms = (System.nanoTime() - start) / 1e6 / runs;
            System.out.printf("%,d posts/day (%,d posts in the 4 weeks): %.1f ms per estimate%n", perDay, posts.size(), ms);
        }
    }
}
