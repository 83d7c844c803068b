package org.backbeat.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Json;
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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The page in headless Chromium (Debian's chromium + chromium-driver) against the real app on the real
 * Elasticsearch, seeded with {@link ApiFixtures}: filters, the impact panel's numbers against the API, the
 * drill-down from a chart point, and a hostile post text that must stay text.
 */
@ExtendWith(RealElasticsearch.class)
class DashboardBrowserTest {

    private static final String INDEX = "test-browser";
    private static final List<ScoredPost> POSTS = ApiFixtures.posts();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static DashboardApp app;
    private static String base;

    @BeforeAll
    static void startTheApp(ElasticsearchClient client) throws IOException {
        PostIndex index = new PostIndex(client, INDEX, 0);
        index.ensureCreated();
        Fixtures.write(client, index, POSTS);
        EventStore events = new EventStore(client, new EventsConfig("test-events-browser", 0));
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
    void filters_impact_panel_drill_down_and_hostile_text_in_a_real_browser() throws Exception {
        ChromeDriver browser = browser();
        try {
            JavascriptExecutor js = browser;
            // given the page for Amazon over the fixtures' four weeks
            browser.get(base + "/?entity=amazon&from=2011-03-15&to=2011-04-12");
            await().atMost(Duration.ofSeconds(30)).until(() -> chartTotal(js) == count("amazon", null));

            // when the source filter changes, then the chart shows only that source's posts
            new Select(browser.findElement(By.id("source"))).selectByValue("rss");
            await().atMost(Duration.ofSeconds(15)).until(() -> chartTotal(js) == count("amazon", "rss"));
            assertThat(browser.getCurrentUrl()).contains("source=rss");
            new Select(browser.findElement(By.id("source"))).selectByValue("all");
            await().atMost(Duration.ofSeconds(15)).until(() -> chartTotal(js) == count("amazon", null));

            // when the launch event's impact panel is opened
            String event = DashboardApiTest.LAUNCH_EVENT;
            WebElement button = browser.findElement(By.cssSelector("button[data-event='" + event + "']"));
            button.click();
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    "false".equals(browser.findElement(By.id("impact")).getDomAttribute("data-loading")));

            // then the numbers shown are the API's
            JsonNode api = Json.mapper().readTree(get("/api/impact?event=" + event + "&entity=amazon"));
            JsonNode sentiment = api.get("result").get("event").get("sentiment");
            assertThat(text(browser, "impact-difference")).isEqualTo(signed(sentiment.get("difference").asDouble()));
            assertThat(text(browser, "impact-ci-low")).isEqualTo(signed(sentiment.get("welch").get("lower").asDouble()));
            assertThat(text(browser, "impact-ci-high")).isEqualTo(signed(sentiment.get("welch").get("upper").asDouble()));
            assertThat(text(browser, "impact-counts"))
                    .isEqualTo(sentiment.get("countBefore").asInt() + " / " + sentiment.get("countAfter").asInt());
            assertThat(text(browser, "impact-summary")).isEqualTo(api.get("summary").get("text").asText());
            // and what moved it most, in words, from the impact's drivers
            JsonNode top = Json.mapper().readTree(get("/api/impact/drivers?event=" + event + "&entity=amazon&size=1"));
            JsonNode driver = top.get("drivers").get(0);
            assertThat(top.get("deviation").asDouble()).isCloseTo(sentiment.get("difference").asDouble(), org.assertj.core.api.Assertions.within(1e-9));
            assertThat(text(browser, "impact-drivers")).startsWith("What moved it most: ")
                    .contains(driver.at("/sample/headline").isTextual() && !driver.at("/sample/headline").asText().isEmpty()
                            ? driver.at("/sample/headline").asText() : driver.at("/sample/text").asText())
                    .contains(signed(driver.get("contribution").asDouble()) + " of the change of " + signed(top.get("deviation").asDouble()));
            assertThat(text(browser, "impact-texts"))
                    .isEqualTo(sentiment.get("textsBefore").asLong() + " / " + sentiment.get("textsAfter").asLong());
            assertThat(text(browser, "impact-ignoring-copies")).isEqualTo(signed(sentiment.get("ignoringCopies").get("lower").asDouble())
                    + " to " + signed(sentiment.get("ignoringCopies").get("upper").asDouble()));

            // when every text counts once, the open panel is estimated again with that weight
            new Select(browser.findElement(By.id("weight"))).selectByVisibleText("each text once");
            await().atMost(Duration.ofSeconds(30)).until(() -> text(browser, "impact-title").endsWith("each text once")
                    && "false".equals(browser.findElement(By.id("impact")).getDomAttribute("data-loading")));
            JsonNode byTexts = Json.mapper().readTree(get("/api/impact?event=" + event + "&entity=amazon&weight=texts"))
                    .get("result").get("event").get("sentiment");
            assertThat(byTexts.get("weight").asText()).isEqualTo("texts");
            assertThat(text(browser, "impact-difference")).isEqualTo(signed(byTexts.get("difference").asDouble()));
            assertThat(text(browser, "impact-ci-low")).isEqualTo(signed(byTexts.get("welch").get("lower").asDouble()));
            assertThat(browser.findElement(By.id("download-impact")).getDomAttribute("href")).contains("weight=texts");
            new Select(browser.findElement(By.id("weight"))).selectByVisibleText("every post");
            await().atMost(Duration.ofSeconds(30)).until(() -> !text(browser, "impact-title").endsWith("each text once")
                    && "false".equals(browser.findElement(By.id("impact")).getDomAttribute("data-loading")));
            await().atMost(Duration.ofSeconds(15)).until(() -> chartTotal(js) == count("amazon", null));

            // when the bar of 30 March is clicked
            clickBar(browser, js, "2011-03-30T00:00:00Z");

            // then its posts are listed, the hostile one among them, as text
            await().atMost(Duration.ofSeconds(15)).until(() -> browser.findElements(By.cssSelector("#drill li.post")).size()
                    == (int) count("amazon", null, "2011-03-30T00:00:00Z", "2011-03-31T00:00:00Z"));
            List<String> drilled = browser.findElements(By.cssSelector("#drill li.post .text")).stream().map(WebElement::getText).toList();
            assertThat(drilled).contains(ApiFixtures.HOSTILE_TEXT);

            // and the most negative post is the hostile one, shown literally, its markup inert
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    !browser.findElements(By.cssSelector("#top-negative li.post .text")).isEmpty());
            WebElement worst = browser.findElements(By.cssSelector("#top-negative li.post .text")).get(0);
            assertThat(worst.getText()).isEqualTo(ApiFixtures.HOSTILE_TEXT);
            assertThat(worst.isDisplayed()).isTrue();
            assertThat(browser.findElements(By.cssSelector("#top-negative img, #drill img"))).isEmpty();
            assertThat(js.executeScript("return typeof window.__xss")).isEqualTo("undefined");

            Path shot = Path.of("target", "dashboard-browser.png");
            Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            assertThat(Files.size(shot)).isGreaterThan(10_000);

            // at phone width nothing is wider than the screen
            browser.manage().window().setSize(new Dimension(390, 844));
            await().atMost(Duration.ofSeconds(5)).until(() -> ((Number) js.executeScript(
                    "return document.documentElement.scrollWidth - window.innerWidth")).intValue() <= 0);
            Files.write(Path.of("target", "dashboard-phone.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

            // the health panel says this dashboard knows no Kafka, so no lag
            assertThat(browser.findElement(By.id("health-lag-none")).isDisplayed()).isTrue();
            // and under the Content-Security-Policy (no inline script) nothing the page does was refused
            assertThat(cspViolations(browser)).isEmpty();
        } finally {
            browser.quit();
        }
    }

    @Test
    void swagger_ui_renders_the_api_under_the_content_security_policy() throws Exception {
        ChromeDriver browser = browser();
        try {
            browser.get(base + "/api-docs");
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    !browser.findElements(By.cssSelector("#swagger-ui .opblock")).isEmpty());
            assertThat(browser.findElements(By.cssSelector("#swagger-ui .opblock")).size()).isGreaterThan(15);
            assertThat(cspViolations(browser)).isEmpty();
        } finally {
            browser.quit();
        }
    }

    /** The browser console's reports of what the Content-Security-Policy refused. */
    private static List<String> cspViolations(ChromeDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy")).toList();
    }

    /** Clicks the volume bar of the bucket starting at {@code time}, where ECharts drew it. */
    static void clickBar(ChromeDriver browser, JavascriptExecutor js, String time) {
        WebElement chart = browser.findElement(By.id("chart"));
        @SuppressWarnings("unchecked")
        List<Number> pixel = (List<Number>) js.executeScript(
                "var c = echarts.getInstanceByDom(document.getElementById('chart'));"
                        + "var bar = c.getOption().series[0].data.find(function (d) { return Date.parse(d[0]) === Date.parse('" + time + "'); });"
                        + "var top = c.convertToPixel({seriesIndex: 0}, [Date.parse(bar[0]), bar[1]]);"
                        + "var bottom = c.convertToPixel({seriesIndex: 0}, [Date.parse(bar[0]), 0]);"
                        + "return [top[0], (top[1] + bottom[1]) / 2];");
        int x = (int) Math.round(pixel.get(0).doubleValue() - chart.getSize().getWidth() / 2.0);
        int y = (int) Math.round(pixel.get(1).doubleValue() - chart.getSize().getHeight() / 2.0);
        new Actions(browser).moveToElement(chart, x, y).click().perform();
    }

    static ChromeDriver browser() throws IOException {
        requireChromium();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1600", "--user-data-dir=" + Files.createTempDirectory("backbeat-chromium"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        return new ChromeDriver(service, options);
    }

    static long chartTotal(JavascriptExecutor js) {
        Object total = js.executeScript("var c = window.echarts && echarts.getInstanceByDom(document.getElementById('chart'));"
                + "var o = c && c.getOption(); if (!o || !o.series || !o.series.length) return -1;"
                + "return o.series[0].data.reduce(function (a, d) { return a + d[1]; }, 0);");
        return ((Number) total).longValue();
    }

    private static long count(String entity, String source) {
        return count(entity, source, "2011-03-15T00:00:00Z", "2011-04-12T00:00:00Z");
    }

    private static long count(String entity, String source, String from, String to) {
        Instant start = Instant.parse(from);
        Instant end = Instant.parse(to);
        return POSTS.stream()
                .filter(p -> p.entities().contains(entity) && (source == null || p.post().source().equals(source)))
                .filter(p -> !p.post().publishedAt().isBefore(start) && p.post().publishedAt().isBefore(end))
                .count();
    }

    private static String text(ChromeDriver browser, String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** What the page's {@code signed(x)} shows: three decimals, a plus sign on positive numbers. */
    private static String signed(double x) {
        return (x > 0 ? "+" : "") + String.format(Locale.ROOT, "%.3f", x);
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** Fails, naming the Debian packages, when the browser or its driver is missing ({@code ./backbeat test} installs both). */
    private static void requireChromium() {
        for (String tool : new String[]{"/usr/bin/chromium", "/usr/bin/chromedriver"}) {
            assertThat(Files.isExecutable(Path.of(tool))).as("%s is missing: install Debian's chromium and chromium-driver "
                    + "(apt-get install chromium chromium-driver), or run ./backbeat test, which does", tool).isTrue();
        }
    }
}
