package org.backbeat.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.backbeat.core.Catalogue;
import org.backbeat.ingest.source.Secrets;
import org.backbeat.ingest.source.Source;
import org.backbeat.ingest.source.SourceFactory;
import org.backbeat.ingest.source.SourcesFile;
import org.junit.jupiter.api.Test;

/** The sources file format, read through the feed factory. */
class SourcesFileTest {

    private static final List<SourceFactory> FACTORIES = List.of(new FeedSourceFactory());
    private static final Secrets NO_SECRETS = new Secrets(Map.of());

    @Test
    void the_default_sources_file_builds_the_nine_press_feeds() {
        // given the file shipped in the repository
        SourcesFile file = SourcesFile.read(Path.of("../config/sources.json"));

        // when
        List<Source> sources = file.build(FACTORIES, Catalogue.defaults(), NO_SECRETS);

        // then
        assertThat(sources).extracting(Source::name).containsExactly("rss:arstechnica", "rss:techcrunch", "rss:theverge",
                "rss:billboard", "rss:musicbusinessworldwide", "rss:digitalmusicnews", "rss:hypebot", "rss:pitchfork-news",
                "rss:variety-music");
        FeedSettings mbw = ((FeedSource) sources.get(4)).settings();
        assertThat(mbw.interval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(mbw.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(mbw.keepAll()).isFalse();
        assertThat(((FeedSource) sources.get(0)).pollInterval()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void the_jar_carries_the_same_default_file() throws IOException {
        try (InputStream in = SourcesFile.class.getResourceAsStream("/org/backbeat/ingest/sources.json")) {
            assertThat(in).isNotNull();
            assertThat(SourcesFile.parse(in, "jar").entries()).hasSize(1);
        }
    }

    @Test
    void feed_settings_override_the_entry_and_disabled_entries_are_skipped() throws IOException {
        SourcesFile file = parse("""
                {"sources": [
                  {"type": "rss", "interval": "PT30M", "keepAll": true, "lang": "en", "zone": "Asia/Shanghai",
                   "feeds": [{"name": "a", "url": "http://127.0.0.1:1/a.xml", "interval": "90s", "timeout": "5s", "keepAll": false}]},
                  {"type": "mastodon", "enabled": false, "instance": "https://mastodon.social"}
                ]}""");

        List<Source> sources = file.build(FACTORIES, Catalogue.defaults(), NO_SECRETS);

        assertThat(sources).hasSize(1);
        FeedSettings a = ((FeedSource) sources.get(0)).settings();
        assertThat(a.interval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(a.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(a.keepAll()).isFalse();
        assertThat(a.lang()).isEqualTo("en");
        assertThat(a.zone()).hasToString("Asia/Shanghai");
    }

    @Test
    void an_unknown_type_fails_naming_the_entry_and_the_known_types() throws IOException {
        SourcesFile file = parse("{\"sources\": [{\"type\": \"rss\", \"feeds\": [{\"name\": \"a\", \"url\": \"http://x/a\"}]}, {\"type\": \"myspace\"}]}");

        assertThatThrownBy(() -> file.build(FACTORIES, Catalogue.defaults(), NO_SECRETS))
                .hasMessage("sources file test.json entry 2: unknown type 'myspace'; known types: rss");
    }

    @Test
    void a_bad_setting_fails_with_one_line_naming_what_to_set() throws IOException {
        assertThatThrownBy(() -> parse("{\"sources\": [{\"type\": \"rss\", \"interval\": \"often\", \"feeds\": []}]}")
                .build(FACTORIES, Catalogue.defaults(), NO_SECRETS))
                .hasMessage("sources file test.json entry 1 (rss): \"interval\" must be a duration "
                        + "like 90s, 15m, 2h or PT15M, was 'often'");
        assertThatThrownBy(() -> parse("{\"sources\": [{\"type\": \"rss\"}]}").build(FACTORIES, Catalogue.defaults(), NO_SECRETS))
                .hasMessage("sources file test.json entry 1 (rss): set \"feeds\", "
                        + "a list of {\"name\": ..., \"url\": ...}");
        assertThatThrownBy(() -> parse("{\"sources\": [{\"type\": \"rss\", \"feeds\": [{\"name\": \"a\", \"url\": \"ftp://x/a\"}]}]}")
                .build(FACTORIES, Catalogue.defaults(), NO_SECRETS))
                .hasMessage("sources file test.json entry 1 (rss): feed a: url must be an "
                        + "http(s) URL, was 'ftp://x/a'");
        assertThatThrownBy(() -> parse("{\"sources\": [{\"feeds\": []}]}"))
                .hasMessage("sources file test.json entry 1: set \"type\"");
        assertThatThrownBy(() -> parse("{\"sources\": [}"))
                .hasMessageStartingWith("sources file test.json is not valid JSON: ");
    }

    @Test
    void two_feeds_with_one_name_are_refused() throws IOException {
        SourcesFile file = parse("""
                {"sources": [{"type": "rss", "feeds": [{"name": "a", "url": "http://x/a"}]},
                             {"type": "rss", "feeds": [{"name": "a", "url": "http://x/b"}]}]}""");

        assertThatThrownBy(() -> file.build(FACTORIES, Catalogue.defaults(), NO_SECRETS))
                .hasMessage("sources file test.json: two sources are named rss:a; give them different names");
    }

    private static SourcesFile parse(String json) throws IOException {
        return SourcesFile.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }
}
