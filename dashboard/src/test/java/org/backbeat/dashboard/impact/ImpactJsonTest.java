package org.backbeat.dashboard.impact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.backbeat.core.Json;
import org.junit.jupiter.api.Test;

/** What the API sends when it returns an {@link ImpactResult} through the project's one JSON configuration. */
class ImpactJsonTest {

    @Test
    void an_impact_result_serialises_to_plain_json_with_nulls_for_missing_parts() throws Exception {
        // given an event with data and a placebo without
        List<Observation> posts = new Synthetic(21).posts(-7, 7, d -> 20, d -> d < 0 ? 0.2 : 0.0, 0.3);
        ImpactResult result = new ImpactEstimator(ImpactConfig.defaults()).estimate(posts, Synthetic.EVENT);
        ObjectMapper json = Json.mapper();

        // when
        JsonNode node = json.readTree(json.writeValueAsString(result));

        // then
        assertThat(node.get("level").asDouble()).isEqualTo(0.95);
        assertThat(node.get("before").asDouble()).isEqualTo(604_800.0); // Durations as seconds (Jackson's default)
        assertThat(node.at("/event/time").asText()).isEqualTo("2011-03-29T00:00:00Z");
        assertThat(node.at("/event/enoughData").asBoolean()).isTrue();
        assertThat(node.at("/event/sentiment/welch/lower").asDouble()).isEqualTo(result.event().sentiment().welch().lower());
        assertThat(node.at("/event/sentiment/bootstrap/upper").asDouble()).isEqualTo(result.event().sentiment().bootstrap().upper());
        assertThat(node.at("/event/volume/method").asText()).isEqualTo(VolumeChange.METHOD);
        assertThat(node.at("/event/sentimentTrend/levelChange/interval/lower").isNumber()).isTrue();
        assertThat(node.at("/placebo/enoughData").asBoolean()).isFalse();
        assertThat(node.at("/placebo/sentiment").isNull()).isTrue();
        assertThat(node.at("/placebo/notes/0").asText()).startsWith("not enough data to compare sentiment: 0 posts before");
    }
}
