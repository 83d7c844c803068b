package org.backbeat.dashboard.export;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns of the posts export, in their documented order (docs/reports.md). The {@code sentiment_*} columns
 * are the post's own sentiment; {@code entity_sentiments} lists the sentiment towards each entity; with
 * {@code per=entity} the {@code entity*} columns give one entity's per row.
 */
public final class PostsTable {

    public static final String KIND = "posts";

    private PostsTable() {
    }

    public static CsvTable<PostRow> of(PostRow.Per per) {
        List<Column<PostRow>> c = new ArrayList<>(List.of(
                Column.text("id", r -> r.post().id()),
                Column.text("time", r -> r.post().publishedAt()),
                Column.text("source", r -> r.post().source()),
                Column.text("author", r -> r.post().author()),
                Column.text("headline", r -> r.post().headline()),
                Column.text("text", r -> r.post().text()),
                Column.text("url", r -> r.post().url()),
                Column.text("language", r -> r.post().lang()),
                Column.text("sentiment_label", r -> r.post().sentiment() == null ? null : r.post().sentiment().label()),
                Column.number("sentiment_score", r -> r.post().sentiment() == null ? null : r.post().sentiment().score()),
                Column.number("sentiment_confidence", r -> r.post().sentiment() == null ? null : r.post().sentiment().confidence()),
                Column.text("entities", r -> r.post().entities()),
                Column.text("entity_sentiments", r -> PostRow.entitySentiments(r.post())),
                Column.text("topics", r -> r.post().topics()),
                Column.number("engagement", r -> r.post().engagementTotal())));
        if (per == PostRow.Per.ENTITY) {
            c.add(Column.text("entity", r -> r.entity().entity()));
            c.add(Column.text("entity_label", r -> r.entity().label()));
            c.add(Column.number("entity_score", r -> r.entity().score()));
            c.add(Column.number("entity_confidence", r -> r.entity().confidence()));
            c.add(Column.text("entity_targeted", r -> r.entity().score() == null ? null : r.entity().targeted()));
        }
        return new CsvTable<>(KIND, c);
    }
}
