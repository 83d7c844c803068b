package org.backbeat.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.backbeat.core.Settings;
import org.backbeat.index.schema.PostIndexConfig;
import org.junit.jupiter.api.Test;

class IndexConfigTest {

    @Test
    void defaults_use_the_standard_index_and_group() {
        IndexConfig config = IndexConfig.defaults();

        assertThat(config).isEqualTo(new IndexConfig(new PostIndexConfig("backbeat-posts", 0), "backbeat-indexer", "127.0.0.1", 7072, 0));
    }

    @Test
    void settings_override_every_default_and_the_posts_indices_are_the_dashboards() {
        Settings settings = Settings.of(Map.of("es.index", "posts-2011", "es.replicas", "1", "indexer.group", "indexer-b",
                "indexer.health-host", "0.0.0.0", "indexer.health-port", "9091", "es.retention-months", "13"));

        IndexConfig config = IndexConfig.from(settings);

        assertThat(config).isEqualTo(new IndexConfig(new PostIndexConfig("posts-2011", 1), "indexer-b", "0.0.0.0", 9091, 13));
        assertThat(config.posts()).isEqualTo(PostIndexConfig.from(settings));
    }

    @Test
    void invalid_values_fail_with_the_setting_to_fix() {
        assertThatThrownBy(() -> IndexConfig.from(Settings.of(Map.of("es.index", "Backbeat"))))
                .hasMessageContaining("es.index");
        assertThatThrownBy(() -> IndexConfig.from(Settings.of(Map.of("es.replicas", "-1"))))
                .hasMessageContaining("es.replicas");
        assertThatThrownBy(() -> IndexConfig.from(Settings.of(Map.of("indexer.health-port", "70000"))))
                .hasMessageContaining("indexer.health-port");
        assertThatThrownBy(() -> IndexConfig.from(Settings.of(Map.of("es.retention-months", "-1"))))
                .hasMessageContaining("es.retention-months").hasMessageContaining("BACKBEAT_ES_RETENTION_MONTHS");
    }
}
