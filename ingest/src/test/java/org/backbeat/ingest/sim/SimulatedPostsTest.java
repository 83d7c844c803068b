package org.backbeat.ingest.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Post;
import org.backbeat.core.TextClusters;
import org.junit.jupiter.api.Test;

class SimulatedPostsTest {

    private final SimulatedPosts generator = new SimulatedPosts(Scenarios.cloudLockers2011());

    @Test
    void the_same_seed_gives_the_same_posts_and_another_seed_others() {
        List<Post> first = generator.generate(42);

        assertThat(generator.generate(42)).isEqualTo(first);
        assertThat(generator.generate(43)).isNotEqualTo(first);
        assertThat(first).extracting(Post::id).doesNotHaveDuplicates();
        assertThat(first).isSortedAccordingTo(java.util.Comparator.comparing(Post::publishedAt));
    }

    @Test
    void every_post_is_simulated_english_inside_the_scenario_and_names_its_entity() {
        Catalogue catalogue = Catalogue.defaults();
        List<Post> posts = generator.generate(7);

        assertThat(posts).hasSizeBetween(2_500, 4_500);
        assertThat(posts).allSatisfy(p -> {
            assertThat(p.source()).isEqualTo("simulated");
            assertThat(p.lang()).isEqualTo("en");
            assertThat(p.publishedAt()).isBetween(LocalDate.of(2011, 3, 1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                    LocalDate.of(2011, 6, 1).atStartOfDay(ZoneOffset.UTC).toInstant());
            assertThat(catalogue.match(p.text())).isNotEmpty();
        });
    }

    @Test
    void amazon_volume_jumps_on_launch_day_and_positive_posts_gain_share() {
        List<Post> amazon = generator.generate(11).stream()
                .filter(p -> Catalogue.defaults().match(p.text()).contains("amazon")).toList();
        LocalDate launch = LocalDate.of(2011, 3, 29);

        long launchDay = amazon.stream().filter(p -> day(p).equals(launch)).count();
        double baselinePerDay = amazon.stream().filter(p -> day(p).isBefore(launch)).count() / 28.0;
        double positiveBefore = positiveShare(amazon.stream().filter(p -> day(p).isBefore(launch)).toList());
        double positiveAfter = positiveShare(amazon.stream().filter(p -> !day(p).isBefore(launch)).toList());

        assertThat(launchDay).isGreaterThan((long) (3 * baselinePerDay));
        assertThat(positiveAfter - positiveBefore).isBetween(0.10, 0.30);
    }

    @Test
    void the_spotify_storm_is_one_text_retweeted_on_one_day_by_as_many_accounts() {
        Scenario.Storm storm = Scenarios.cloudLockers2011().storms().get(0);
        List<Post> posts = generator.generate(2011);

        List<Post> copies = posts.stream().filter(p -> TextClusters.of(p).equals(TextClusters.of(storm.text()))).toList();

        assertThat(copies).hasSize(storm.retweets() + 1);
        assertThat(copies).allSatisfy(p -> assertThat(day(p)).isEqualTo(storm.date()));
        assertThat(copies).extracting(Post::author).doesNotHaveDuplicates();
        assertThat(Catalogue.defaults().match(storm.text())).containsExactly("spotify");
        // the everyday posts are those of the seed: the storm has its own random stream
        assertThat(posts).hasSize(new SimulatedPosts(new Scenario(generator.scenario().name(), generator.scenario().start(),
                generator.scenario().end(), generator.scenario().voices(), generator.scenario().events())).generate(2011).size()
                + copies.size());
    }

    @Test
    void poisson_draws_have_the_requested_mean() {
        Random random = new Random(1);
        double sum = 0;
        for (int i = 0; i < 20_000; i++) {
            sum += SimulatedPosts.poisson(6.0, random);
        }
        assertThat(sum / 20_000).isBetween(5.9, 6.1);
    }

    private static LocalDate day(Post p) {
        return p.publishedAt().atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** The generator's positive templates are the only ones with these words. */
    private static double positiveShare(List<Post> posts) {
        long positive = posts.stream().filter(p -> p.text().matches(
                ".*(I love|awesome|Really happy|brilliant|impressed|fantastic).*")).count();
        return (double) positive / posts.size();
    }
}
