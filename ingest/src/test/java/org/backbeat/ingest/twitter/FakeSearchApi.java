package org.backbeat.ingest.twitter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.backbeat.core.SharedData;
import org.backbeat.ingest.social.LocalHttpServer;

/**
 * Answers {@code search/tweets} the way v1.1 does, from tweepy's real search response: statuses newer than
 * {@code since_id} and not newer than {@code max_id}, newest first, {@code count} at a time, with
 * {@code next_results} while older ones remain. Which statuses exist is up to the test ({@link #visible}).
 */
final class FakeSearchApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    final List<JsonNode> statuses = new ArrayList<>();
    volatile Predicate<JsonNode> visible = s -> true;

    FakeSearchApi() throws Exception {
        JsonNode response = JSON.readTree(Files.readString(SharedData.path("twitter_api_json_tweepy", "testsearchtweets.json")));
        response.path("statuses").forEach(statuses::add);
    }

    static long id(JsonNode status) {
        return Long.parseLong(status.path("id_str").asText());
    }

    /** Ids of the real statuses, newest first. */
    List<Long> ids() {
        return statuses.stream().map(FakeSearchApi::id).toList();
    }

    LocalHttpServer.Response answer(LocalHttpServer.Request request, Predicate<JsonNode> matches) {
        long sinceId = Long.parseLong(request.params().getOrDefault("since_id", "0"));
        long maxId = Long.parseLong(request.params().getOrDefault("max_id", Long.toString(Long.MAX_VALUE)));
        int count = Integer.parseInt(request.params().getOrDefault("count", "15"));
        List<JsonNode> candidates = statuses.stream().filter(visible).filter(matches)
                .filter(s -> id(s) > sinceId && id(s) <= maxId)
                .sorted(Comparator.comparingLong(FakeSearchApi::id).reversed()).toList();
        List<JsonNode> page = candidates.subList(0, Math.min(count, candidates.size()));
        ObjectNode body = JSON.createObjectNode();
        ArrayNode array = body.putArray("statuses");
        page.forEach(array::add);
        ObjectNode meta = body.putObject("search_metadata");
        meta.put("query", request.params().get("q"));
        meta.put("count", count);
        meta.put("completed_in", 0.01);
        meta.put("since_id", sinceId);
        meta.put("since_id_str", Long.toString(sinceId));
        long newest = page.isEmpty() ? sinceId : id(page.get(0));
        meta.put("max_id", newest);
        meta.put("max_id_str", Long.toString(newest));
        meta.put("refresh_url", "?since_id=" + newest + "&q=" + request.params().get("q"));
        if (candidates.size() > page.size()) {
            meta.put("next_results", "?max_id=" + (id(page.get(page.size() - 1)) - 1) + "&q=" + request.params().get("q"));
        }
        return LocalHttpServer.Response.json(body.toString());
    }
}
