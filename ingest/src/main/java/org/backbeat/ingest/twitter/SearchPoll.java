package org.backbeat.ingest.twitter;

import java.io.IOException;
import java.util.List;
import org.backbeat.ingest.source.SourceContext;

/**
 * One poll of a search source, shared by v1.1 ({@link TwitterSearchSource}) and v2
 * ({@link TwitterV2SearchSource}): each packed catalogue query in turn, asking for what is newer than its
 * checkpointed {@code since_id}; once the sink has flushed, the newest id seen becomes the query's
 * checkpoint. How one query's pages are fetched — the API — is the {@link QueryPages} passed in.
 */
final class SearchPoll {

    /** Fetches one query's tweets newer than {@code sinceId} into the sink. */
    @FunctionalInterface
    interface QueryPages {

        /** @param sinceId the query's checkpoint, null on the first poll */
        Fetched fetch(String query, String sinceId, TweetNormaliser normaliser, SourceContext context)
                throws IOException, InterruptedException;
    }

    /**
     * What one query's poll saw: the newest id (the old {@code since_id} when nothing newer came, null when
     * there is none), or a malformed response, after which the checkpoint stays and the next poll asks again.
     */
    record Fetched(boolean malformed, String newestId) {

        static final Fetched MALFORMED = new Fetched(true, null);

        static Fetched newest(String id) {
            return new Fetched(false, id);
        }
    }

    private SearchPoll() {
    }

    /** The checkpoint key of a query: its newest id seen. */
    static String sinceIdKey(String query) {
        return "since_id " + query;
    }

    static void run(List<String> queries, QueryPages pages, SourceContext context) throws IOException, InterruptedException {
        TweetNormaliser normaliser = new TweetNormaliser(context.languages());
        for (String query : queries) {
            if (context.stopped()) {
                return;
            }
            String key = sinceIdKey(query);
            String sinceId = context.checkpoint().get(key).orElse(null);
            Fetched fetched = pages.fetch(query, sinceId, normaliser, context);
            if (fetched.malformed()) {
                continue;
            }
            context.sink().flush();
            if (fetched.newestId() != null && !fetched.newestId().equals(sinceId)) {
                context.checkpoint().put(key, fetched.newestId());
                context.checkpoint().save();
            }
        }
        context.metrics().success();
    }
}
