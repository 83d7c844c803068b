package org.backbeat.app;

import java.util.ArrayList;
import java.util.List;
import org.backbeat.ingest.bluesky.BlueskySourceFactory;
import org.backbeat.ingest.feed.FeedSourceFactory;
import org.backbeat.ingest.mastodon.MastodonSourceFactory;
import org.backbeat.ingest.twitter.TwitterSourceFactory;
import org.backbeat.ingest.source.SourceFactory;

/** Every kind of live source {@code backbeat ingest} can run: one factory per {@code type} of the sources file. */
final class SourceFactories {

    private SourceFactories() {
    }

    static List<SourceFactory> all() {
        List<SourceFactory> factories = new ArrayList<>();
        factories.add(new FeedSourceFactory());
        factories.addAll(TwitterSourceFactory.all());
        factories.add(new MastodonSourceFactory());
        factories.add(new BlueskySourceFactory());
        return List.copyOf(factories);
    }
}
