package org.backbeat.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.backbeat.core.Json;

/**
 * Checks the sentiment Elasticsearch holds for each post against what {@code backbeat score} gives for its text,
 * run as its own process (the command a user runs), once per distinct text. The score command prints the score
 * rounded to 4 decimals, so the indexed score is compared at that precision.
 */
final class ScoreCommandCheck {

    private static final ObjectMapper JSON = Json.mapper();

    /** Posts compared, distinct texts scored, and the posts whose sentiment differs (up to 10 shown). */
    record Result(long posts, int texts, long mismatches, List<String> examples) {
    }

    private ScoreCommandCheck() {
    }

    static Result run(List<IndexAudit.IndexedPost> posts, Path workDir) throws IOException, InterruptedException {
        Map<String, String> idOfText = new LinkedHashMap<>();
        posts.forEach(p -> idOfText.computeIfAbsent(p.text(), t -> "t" + idOfText.size()));
        Path input = workDir.resolve("texts.jsonl");
        Path output = workDir.resolve("scores.jsonl");
        List<String> lines = new ArrayList<>();
        for (var entry : idOfText.entrySet()) {
            lines.add(JSON.writeValueAsString(Map.of("id", entry.getValue(), "text", entry.getKey(), "lang", "en")));
        }
        Files.write(input, lines, StandardCharsets.UTF_8);
        JavaProcess score = JavaProcess.backbeat("score", input.toString(), "-o", output.toString());
        int exit = score.await(1_800);
        if (exit != 0) {
            throw new IllegalStateException("backbeat score failed (" + exit + "): " + score.output());
        }
        Map<String, JsonNode> byId = new HashMap<>();
        for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            JsonNode node = JSON.readTree(line);
            byId.put(node.path("id").asText(), node);
        }
        long mismatches = 0;
        List<String> examples = new ArrayList<>();
        for (IndexAudit.IndexedPost post : posts) {
            JsonNode expected = byId.get(idOfText.get(post.text()));
            String problem = difference(post, expected);
            if (problem != null) {
                mismatches++;
                if (examples.size() < 10) {
                    examples.add(post.id() + ": " + problem);
                }
            }
        }
        return new Result(posts.size(), idOfText.size(), mismatches, examples);
    }

    /** Why the indexed sentiment differs from the score command's answer, or null if it does not. */
    static String difference(IndexAudit.IndexedPost post, JsonNode expected) {
        if (expected == null) {
            return "no score from backbeat score";
        }
        String label = expected.path("label").isNull() ? null : expected.path("label").asText();
        String indexedLabel = post.label() == null ? null : post.label().toLowerCase(Locale.ROOT);
        if (label == null || indexedLabel == null) {
            return label == null && indexedLabel == null ? null : "label " + indexedLabel + " vs " + label;
        }
        double score = expected.path("score").asDouble();
        double indexedScore = Math.round(post.score() * 10_000) / 10_000.0;
        if (!label.equals(indexedLabel) || Double.compare(score, indexedScore) != 0) {
            return "indexed " + indexedLabel + " " + indexedScore + ", backbeat score " + label + " " + score;
        }
        return null;
    }
}
