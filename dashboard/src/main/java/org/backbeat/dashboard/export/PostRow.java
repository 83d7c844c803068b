package org.backbeat.dashboard.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One row of the posts export: a post, and with {@code per=entity} one of its entities (null otherwise).
 */
public record PostRow(ExportedPost post, ExportedPost.EntityScore entity) {

    /** {@code per=} of the posts export. */
    public enum Per {
        POST, ENTITY;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Per parse(String value) {
            if (value == null || value.isBlank()) {
                return POST;
            }
            for (Per p : values()) {
                if (p.id().equalsIgnoreCase(value.strip())) {
                    return p;
                }
            }
            throw new IllegalArgumentException("per must be post or entity");
        }
    }

    /**
     * The rows of one post: itself ({@link Per#POST}), or one per entity ({@link Per#ENTITY}), only the
     * filtered entity's when {@code entity} is given. A post without entities has no row per entity.
     */
    public static List<PostRow> rows(ExportedPost post, Per per, String entity) {
        if (per == Per.POST) {
            return List.of(new PostRow(post, null));
        }
        List<PostRow> rows = new ArrayList<>(post.entitySentiments().size());
        for (ExportedPost.EntityScore e : post.entitySentiments()) {
            if (entity == null || entity.equals(e.entity())) {
                rows.add(new PostRow(post, e));
            }
        }
        return rows;
    }

    /** {@code amazon=0.41/POSITIVE/targeted;umg=-0.3/NEGATIVE/post}; {@code amazon=unscored} when unscored. */
    static String entitySentiments(ExportedPost post) {
        return post.entitySentiments().stream()
                .map(e -> e.entity() + "=" + (e.score() == null ? "unscored"
                        : CsvRowWriter.number(e.score()) + "/" + e.label() + "/" + (e.targeted() ? "targeted" : "post")))
                .collect(Collectors.joining(CsvRowWriter.LIST_SEPARATOR));
    }
}
