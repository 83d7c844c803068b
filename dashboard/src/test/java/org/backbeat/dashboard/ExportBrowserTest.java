package org.backbeat.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.backbeat.core.Catalogue;
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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

/**
 * The download links in headless Chromium against the real app on the real Elasticsearch: the chart's link
 * downloads the CSV of the filters on screen, named after them, byte for byte what the export route gives.
 */
@ExtendWith(RealElasticsearch.class)
class ExportBrowserTest {

    private static final String INDEX = "test-csv-browser";
    private static DashboardApp app;
    private static String base;

    @BeforeAll
    static void startTheApp(ElasticsearchClient client) throws IOException {
        PostIndex index = new PostIndex(client, INDEX, 0);
        index.ensureCreated();
        Fixtures.write(client, index, ApiFixtures.posts());
        EventStore events = new EventStore(client, new EventsConfig("test-events-csv-browser", 0));
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
    void the_charts_download_link_saves_the_csv_of_the_filters_on_screen() throws Exception {
        Path downloads = Files.createTempDirectory("backbeat-downloads");
        ChromeDriver browser = browser(downloads);
        try {
            // given the page for Amazon over two weeks, then the source changed on screen to the press
            browser.get(base + "/?entity=amazon&from=2011-03-20&to=2011-04-03");
            new Select(browser.findElement(By.id("source"))).selectByValue("rss");
            await().atMost(Duration.ofSeconds(30)).until(() -> String.valueOf(
                    browser.findElement(By.id("download-series")).getDomAttribute("href")).contains("source=rss"));

            // when the chart's CSV link is clicked
            browser.findElement(By.id("download-series")).click();

            // then the browser saves the series of exactly those filters, named after them, with a BOM for Excel
            Path file = downloads.resolve("backbeat-series-amazon-2011-03-20_2011-04-02.csv");
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.isRegularFile(file) && Files.size(file) > 0);
            byte[] saved = Files.readAllBytes(file);
            byte[] expected = get("/api/export/series.csv?entity=amazon&source=rss&from=2011-03-20&to=2011-04-03&interval=day&bom=true");
            assertThat(saved).isEqualTo(expected);
            String csv = new String(saved, StandardCharsets.UTF_8);
            assertThat(csv).startsWith("\uFEFFtime,interval,count,");
            assertThat(csv.split("\r\n")).hasSize(1 + 14);
            // and every panel offers its own download of the same filters
            for (String id : List.of("download-posts", "download-topics", "download-top-negative")) {
                await().atMost(Duration.ofSeconds(15)).until(() ->
                        String.valueOf(browser.findElement(By.id(id)).getDomAttribute("href")).contains("source=rss"));
            }
            assertThat(browser.findElement(By.id("download-sov")).getDomAttribute("href"))
                    .startsWith("/api/export/share-of-voice.csv?").contains("source=rss").doesNotContain("entity=");
        } finally {
            browser.quit();
        }
    }

    private static ChromeDriver browser(Path downloads) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1600", "--user-data-dir=" + Files.createTempDirectory("backbeat-chromium"));
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        return new ChromeDriver(service, options);
    }

    private static byte[] get(String path) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
