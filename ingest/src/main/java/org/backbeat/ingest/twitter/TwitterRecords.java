package org.backbeat.ingest.twitter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.backbeat.core.Post;
import org.backbeat.core.PostIds;
import org.backbeat.ingest.PostSink;
import org.backbeat.ingest.social.DumpReader;

/**
 * What to do with one JSON record from Twitter, whichever API wrote it: a v1.1 status becomes a post, a
 * delete notice ({@code {"delete":{"status":{"id":...}}}}) a tombstone, a v1.1 search response or a v2
 * response ({@code data}/{@code includes}) several posts, stream control messages ({@code limit},
 * {@code warning}, {@code scrub_geo}, user events) are skipped, and anything else is rejected with the reason.
 */
final class TwitterRecords implements DumpReader.RecordHandler {

    /** Stream messages that are not about a tweet's content. */
    private static final String[] CONTROL = {"limit", "warning", "scrub_geo", "status_withheld", "user_withheld",
            "disconnect", "friends", "friends_str", "event", "control", "for_user"};

    private final PostSink sink;
    private final TweetNormaliser normaliser;
    private final PostListener listener;

    /** Told of each post sent, e.g. to feed a source's metrics. */
    interface PostListener {
        void sent(Post post);
    }

    TwitterRecords(PostSink sink, TweetNormaliser normaliser, PostListener listener) {
        this.sink = sink;
        this.normaliser = normaliser;
        this.listener = listener;
    }

    @Override
    public void handle(JsonNode record, String where, DumpReader.Tally tally) {
        if (record.isArray()) {
            int i = 0;
            for (JsonNode element : record) {
                handleOne(element, where + "[" + i++ + "]", tally);
            }
        } else {
            handleOne(record, where, tally);
        }
    }

    private void handleOne(JsonNode record, String where, DumpReader.Tally tally) {
        if (!record.isObject()) {
            tally.reject(where, record.toString(), "not a JSON object");
        } else if (record.has("delete")) {
            deleteNotice(record, where, tally);
        } else if (record.has("statuses") && record.path("statuses").isArray()) {
            int i = 0;
            for (JsonNode status : record.path("statuses")) {
                status(status, where + " statuses[" + i++ + "]", tally);
            }
        } else if (record.has("data")) {
            v2(record, where, tally);
        } else if ((record.has("text") || record.has("full_text")) && (record.has("id") || record.has("id_str"))) {
            status(record, where, tally);
        } else if (isControl(record)) {
            tally.skipped();
        } else if (record.has("errors") || record.has("error")) {
            tally.reject(where, record.toString(), "an API error response, not tweets: " + abbreviate(record.toString()));
        } else {
            tally.reject(where, abbreviate(record.toString()), "not a tweet, a delete notice or a Twitter API response");
        }
    }

    private void status(JsonNode status, String where, DumpReader.Tally tally) {
        Post post;
        try {
            post = normaliser.fromV1(status);
        } catch (IllegalArgumentException e) {
            tally.reject(where, status.toString(), e.getMessage());
            return;
        }
        send(post);
        tally.accepted();
    }

    private void v2(JsonNode response, String where, DumpReader.Tally tally) {
        Map<String, String> usernames = new HashMap<>();
        for (JsonNode user : response.path("includes").path("users")) {
            usernames.put(user.path("id").asText(), user.path("username").asText(null));
        }
        JsonNode data = response.path("data");
        if (data.isObject()) {
            v2Tweet(data, usernames, where + " data", tally);
        } else if (data.isArray()) {
            int i = 0;
            for (JsonNode tweet : data) {
                v2Tweet(tweet, usernames, where + " data[" + i++ + "]", tally);
            }
        } else {
            tally.reject(where, abbreviate(response.toString()), "v2 response whose data is neither a tweet nor a list of tweets");
        }
    }

    private void v2Tweet(JsonNode tweet, Map<String, String> usernames, String where, DumpReader.Tally tally) {
        Post post;
        try {
            post = normaliser.fromV2Tweet(tweet, usernames);
        } catch (IllegalArgumentException e) {
            tally.reject(where, tweet.toString(), e.getMessage());
            return;
        }
        send(post);
        tally.accepted();
    }

    private void deleteNotice(JsonNode record, String where, DumpReader.Tally tally) {
        JsonNode status = record.path("delete").path("status");
        if (!status.isObject()) {
            tally.skipped(); // a deleted direct message: not a post we hold
            return;
        }
        String id = TweetNormaliser.idOf(status, "id");
        if (id == null) {
            tally.reject(where, record.toString(), "delete notice without a status id");
            return;
        }
        sink.delete(PostIds.twitter(id));
        tally.accepted();
    }

    private void send(Post post) {
        sink.accept(post);
        listener.sent(post);
    }

    private static boolean isControl(JsonNode record) {
        for (String field : CONTROL) {
            if (record.has(field)) {
                return true;
            }
        }
        return false;
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
