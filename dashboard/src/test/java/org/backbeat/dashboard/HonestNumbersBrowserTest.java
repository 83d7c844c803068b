package org.backbeat.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.backbeat.core.Catalogue;
import org.backbeat.core.ScoredPost;
import org.backbeat.dashboard.events.AdminToken;
import org.backbeat.dashboard.events.EventStore;
import org.backbeat.dashboard.events.EventsConfig;
import org.backbeat.index.schema.PostIndex;
import org.backbeat.index.testing.Fixtures;
import org.backbeat.index.testing.RealElasticsearch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The "Count: every post | each text once" toggle and the driver sentence in headless Chromium, on the real app
 * and Elasticsearch seeded with {@link HonestNumbersApiTest}'s storm of retweets.
 */
@ExtendWith(RealElasticsearch.class)
class HonestNumbersBrowserTest {

    private static final String INDEX = "test-storm-browser";
    private static final List<ScoredPost> POSTS = HonestNumbersApiTest.POSTS;
    private static DashboardApp app;
    private static String base;

    @BeforeAll
    static void startTheApp(ElasticsearchClient client) throws IOException {
        PostIndex index = new PostIndex(client, INDEX, 0);
        index.ensureCreated();
        Fixtures.write(client, index, POSTS);
        EventStore events = new EventStore(client, new EventsConfig("test-storm-browser-events", 0));
        events.ensureCreatedAndSeeded();
        app = new DashboardApp(DashboardConfig.defaults().withIndex(INDEX), Catalogue.defaults(), new PostQueries(index),
                events, AdminToken.none(), List.of());
        base = "http://127.0.0.1:" + app.start(0);
    }

    @AfterAll
    static void stopTheApp() {
        if (app != null) {
            app.stop();
        }
    }

    @Test
    void the_count_toggle_switches_the_chart_and_a_click_says_what_moved_the_day() throws Exception {
        ChromeDriver browser = DashboardBrowserTest.browser();
        try {
            JavascriptExecutor js = browser;
            // given the page for Amazon over the fixtures' eight days
            browser.get(base + "/?entity=amazon&from=2011-12-05&to=2011-12-13");
            long posts = POSTS.stream().filter(p -> p.entities().contains("amazon")).count();
            await().atMost(Duration.ofSeconds(30)).until(() -> DashboardBrowserTest.chartTotal(js) == posts);
            assertThat(new Select(browser.findElement(By.id("weight"))).getFirstSelectedOption().getText()).isEqualTo("every post");

            // when every text counts once
            new Select(browser.findElement(By.id("weight"))).selectByVisibleText("each text once");

            // then the bars count the distinct texts of each day, and the URL says so
            Map<LocalDate, Long> textsPerDay = new TreeMap<>(POSTS.stream().filter(p -> p.entities().contains("amazon"))
                    .collect(Collectors.groupingBy(p -> p.post().publishedAt().atOffset(ZoneOffset.UTC).toLocalDate(),
                            Collectors.mapping(ScoredPost::textCluster, Collectors.collectingAndThen(Collectors.toSet(), s -> (long) s.size())))));
            long texts = textsPerDay.values().stream().mapToLong(Long::longValue).sum();
            await().atMost(Duration.ofSeconds(15)).until(() -> DashboardBrowserTest.chartTotal(js) == texts);
            assertThat(browser.getCurrentUrl()).contains("weight=texts");

            // when the storm day's bar is clicked
            DashboardBrowserTest.clickBar(browser, js, HonestNumbersApiTest.STORM + "T00:00:00Z");

            // then the page says in plain words that most of the day's posts are copies of one text
            await().atMost(Duration.ofSeconds(15)).until(() -> browser.findElement(By.id("drivers")).isDisplayed());
            long stormPosts = POSTS.stream().filter(p -> p.entities().contains("amazon")
                    && p.post().publishedAt().atOffset(ZoneOffset.UTC).toLocalDate().equals(HonestNumbersApiTest.STORM)).count();
            assertThat(browser.findElement(By.id("drivers-sentence")).getText()).isEqualTo("31 of " + stormPosts
                    + " posts on 9 Dec are copies of one text: \u2018" + HonestNumbersApiTest.NEWS + "\u2019 (sentiment -0.70).");
            List<WebElement> lines = browser.findElements(By.cssSelector("#drivers-list li"));
            assertThat(lines).isNotEmpty();
            assertThat(lines.get(lines.size() - 1).getText()).startsWith("Topics that grew against the days before: lawsuit");
            Files.write(Path.of("target", "dashboard-honest.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }
}
