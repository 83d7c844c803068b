package org.backbeat.index.schema;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.mapping.Property;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostIndexTest {

    @Test
    void the_strict_mapping_types_every_field_of_the_document_and_nothing_else() {
        Map<String, Property> mapped = PostIndex.mapping().properties();

        assertThat(mapped.keySet()).containsExactlyInAnyOrder(names(PostDocument.class));
        assertThat(mapped.get(PostFields.NESTED).nested().properties().keySet())
                .containsExactlyInAnyOrder(names(PostDocument.EntityScore.class));
    }

    @Test
    void the_field_paths_the_readers_query_are_mapped_with_their_types() {
        Map<String, Property> mapped = PostIndex.mapping().properties();

        assertThat(mapped.get(PostFields.PUBLISHED_AT).isDate()).isTrue();
        assertThat(mapped.get(PostFields.ENTITIES).isKeyword()).isTrue();
        assertThat(mapped.get(PostFields.TOPICS).isKeyword()).isTrue();
        assertThat(mapped.get(PostFields.ENGAGEMENT_TOTAL).isLong()).isTrue();
        assertThat(mapped.get(PostFields.SENTIMENT).object().properties().get(last(PostFields.SCORE)).isDouble()).isTrue();
        assertThat(mapped.get(PostFields.SENTIMENT).object().properties().get(last(PostFields.LABEL)).isKeyword()).isTrue();
        Map<String, Property> nested = mapped.get(PostFields.NESTED).nested().properties();
        assertThat(nested.get(last(PostFields.NESTED_ENTITY)).isKeyword()).isTrue();
        assertThat(nested.get(last(PostFields.NESTED_SCORE)).isDouble()).isTrue();
        assertThat(nested.get(last(PostFields.NESTED_LABEL)).isKeyword()).isTrue();
        assertThat(nested.get(last(PostFields.NESTED_PUBLISHED_AT)).isDate()).isTrue();
    }

    @Test
    void a_post_lives_in_the_monthly_index_of_its_publication_time_in_utc() {
        PostIndex index = new PostIndex(null, "backbeat-posts", 0);

        assertThat(index.indexFor(Instant.parse("2011-03-31T23:59:59Z"))).isEqualTo("backbeat-posts-2011.03");
        assertThat(index.indexFor(Instant.parse("2011-04-01T00:00:00Z"))).isEqualTo("backbeat-posts-2011.04");
        assertThat(index.monthOf("backbeat-posts-2011.03")).contains(YearMonth.of(2011, 3));
        assertThat(index.monthOf("other-2011.03")).isEmpty();
        assertThat(index.templateName()).isEqualTo("backbeat-posts-template");
        assertThat(index.pattern()).isEqualTo("backbeat-posts-*");
    }

    private static String[] names(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toArray(String[]::new);
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
