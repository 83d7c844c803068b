package org.backbeat.app;

import java.util.List;
import org.backbeat.ingest.feed.FeedSourceFactory;
import org.backbeat.ingest.source.SourceFactory;

/** Every kind of live source {@code backbeat ingest} can run: one factory per {@code type} of the sources file. */
final class SourceFactories {

    private SourceFactories() {
    }

    static List<SourceFactory> all() {
        return List.of(
                new FeedSourceFactory()
                // MERGE: the lead adds new TwitterSourceFactory(), new MastodonSourceFactory(), new BlueskySourceFactory() here.
        );
    }
}
