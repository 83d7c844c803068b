package org.backbeat.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.backbeat.alerts.rules.AlertRule;
import org.backbeat.alerts.store.AlertHistory;
import org.backbeat.alerts.store.RuleStore;
import org.backbeat.core.Alert;
import org.backbeat.core.Catalogue;
import org.backbeat.core.TrackedEntity;
import org.backbeat.dashboard.alerts.AlertsController;
import org.backbeat.dashboard.alerts.HistoryWindows;
import org.backbeat.dashboard.events.AdminToken;
import org.backbeat.dashboard.events.EventStore;
import org.backbeat.dashboard.events.EventsConfig;
import org.backbeat.index.schema.PostIndex;
import org.backbeat.index.testing.Fixtures;
import org.backbeat.index.testing.RealElasticsearch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** The Alerts panel and the chart's alert markers in headless Chromium, on the real app and Elasticsearch. */
@ExtendWith(RealElasticsearch.class)
class AlertsBrowserTest {

    private static final String HOSTILE = "<img src=x onerror=window.__xss=1> Amazon spike";

    @Test
    void the_alerts_panel_lists_rules_and_history_as_text_and_the_chart_marks_firing_alerts(ElasticsearchClient client) throws Exception {
        // given a rule with a hostile name and one firing alert for Amazon on 30 March, over the fixtures' posts
        PostIndex index = new PostIndex(client, "test-alerts-browser", 0);
        index.ensureCreated();
        Fixtures.write(client, index, ApiFixtures.posts());
        EventStore events = new EventStore(client, new EventsConfig("test-events-alerts-browser", 0));
        events.ensureCreatedAndSeeded();
        List<String> published = new ArrayList<>();
        RuleStore rules = new RuleStore(client, "test-alert-rules-browser", (id, r) -> published.add(id),
                Catalogue.defaults().entities().stream().map(TrackedEntity::id).collect(java.util.stream.Collectors.toSet()));
        if (client.indices().exists(e -> e.index("test-alert-rules-browser")).value()) {
            client.indices().delete(d -> d.index("test-alert-rules-browser"));
        }
        rules.ensureCreated();
        rules.create(AlertRule.of("amazon-spike", HOSTILE, Alert.Kind.VOLUME_SPIKE, List.of("amazon")));
        AlertHistory history = new AlertHistory(client, "test-alerts-history-browser");
        history.ensureCreated();
        Instant fired = Instant.parse("2011-03-30T12:00:00Z");
        history.indexAll(List.of(new Alert(Alert.SCHEMA_VERSION, "alert_browser", "amazon-spike", HOSTILE,
                Alert.Kind.VOLUME_SPIKE, Alert.State.FIRING, Alert.Severity.WARNING, "amazon", null,
                Instant.parse("2011-03-30T00:00:00Z"), Instant.parse("2011-03-31T00:00:00Z"), fired, 40, 5, 2, 11, 17, null,
                40, 30, List.of(new Alert.Driver("tc_1", HOSTILE, 3, -0.5)), List.of(), "Volume spike for amazon: " + HOSTILE)));
        client.indices().refresh(r -> r.index("test-alerts-history-browser"));
        DashboardApp app = new DashboardApp(DashboardConfig.defaults().withIndex("test-alerts-browser"), Catalogue.defaults(),
                new PostQueries(index), events, AdminToken.none(), List.of(),
                new AlertsController(rules, history, new HistoryWindows(client, "test-alerts-browser"),
                        Catalogue.defaults().entities().stream().map(TrackedEntity::id).toList(), AdminToken.none()));
        String base = "http://127.0.0.1:" + app.start(0);
        ChromeDriver browser = browser();
        try {
            JavascriptExecutor js = browser;
            // when the page for Amazon over the fixtures' weeks is opened
            browser.get(base + "/?entity=amazon&from=2011-03-15&to=2011-04-12");

            // then the panel lists the rule and the alert, their text literal and inert
            await().atMost(Duration.ofSeconds(30)).until(() -> !browser.findElements(By.cssSelector("#alert-history li.alert")).isEmpty());
            WebElement rule = browser.findElement(By.cssSelector("#alert-rules li strong"));
            assertThat(rule.getText()).isEqualTo(HOSTILE);
            WebElement alert = browser.findElement(By.cssSelector("#alert-history li.alert"));
            assertThat(alert.getDomAttribute("data-alert-id")).isEqualTo("alert_browser");
            assertThat(alert.findElement(By.cssSelector(".alert-summary")).getText()).isEqualTo("Volume spike for amazon: " + HOSTILE);
            assertThat(browser.findElements(By.cssSelector("#alerts-panel img"))).isEmpty();
            assertThat(js.executeScript("return typeof window.__xss")).isEqualTo("undefined");

            // and the chart carries one marker, at the alert's time
            await().atMost(Duration.ofSeconds(30)).until(() -> ((Number) js.executeScript(
                    "var c = echarts.getInstanceByDom(document.getElementById('chart')); var o = c && c.getOption();"
                            + "var s = o && o.series.find(function (x) { return x.id === 'alert-markers'; });"
                            + "return s ? s.data.length : -1;")).intValue() == 1);
            Number markerTime = (Number) js.executeScript("var o = echarts.getInstanceByDom(document.getElementById('chart')).getOption();"
                    + "return o.series.find(function (x) { return x.id === 'alert-markers'; }).data[0].value[0];");
            assertThat(markerTime.longValue()).isEqualTo(fired.toEpochMilli());
        } finally {
            browser.quit();
            app.stop();
        }
    }

    private static ChromeDriver browser() throws IOException {
        for (String tool : new String[]{"/usr/bin/chromium", "/usr/bin/chromedriver"}) {
            assertThat(Files.isExecutable(Path.of(tool))).as("%s is missing: apt-get install chromium chromium-driver", tool).isTrue();
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1600", "--user-data-dir=" + Files.createTempDirectory("backbeat-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        return new ChromeDriver(service, options);
    }
}
