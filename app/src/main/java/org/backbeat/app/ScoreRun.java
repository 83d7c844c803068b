package org.backbeat.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.backbeat.core.EntitySentiment;
import org.backbeat.core.Json;
import org.backbeat.core.Post;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.Sentiment;
import org.backbeat.core.TopicMatch;
import org.backbeat.nlp.pipeline.PostAnalyzer;
import org.backbeat.nlp.pipeline.ScoreCache;
import org.backbeat.nlp.pipeline.TextScores;

/**
 * {@code backbeat score}'s work: reads texts one per line (plain text, or JSON objects with {@code id},
 * {@code text} and optional {@code headline}, {@code lang}), analyses each with {@link PostAnalyzer}, and
 * writes one JSON object per input in input order. A blank line is skipped; a line that cannot be read or
 * scored gets one error line on the error stream and the run goes on. Texts are analysed by
 * {@code threads} workers; output order is input order.
 */
final class ScoreRun {

    /** Longest line read; the rest of a longer line is skipped and the line reported. */
    static final int MAX_LINE_CHARS = 1_000_000;
    private static final int IN_FLIGHT_PER_THREAD = 32;
    private static final int CACHE_SIZE = 10_000;

    /** Counts of one run. */
    record Summary(long written, long blank, long failed) {
    }

    private final PostAnalyzer analyzer;
    private final int threads;
    private final ObjectMapper mapper = Json.mapper();
    private final ScoreCache cache = ScoreCache.lru(CACHE_SIZE);

    ScoreRun(PostAnalyzer analyzer, int threads) {
        this.analyzer = analyzer;
        this.threads = Math.max(1, threads);
    }

    /** One input line after reading: a post to analyse, or why it cannot be. */
    private record Input(long line, Post post, String error) {
    }

    Summary run(Reader in, PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "score-worker");
            t.setDaemon(true);
            return t;
        });
        Deque<Future<String>> pending = new ArrayDeque<>();
        long written = 0;
        long blank = 0;
        long failed = 0;
        try {
            LineReader lines = new LineReader(in, MAX_LINE_CHARS);
            long number = 0;
            for (String line = lines.next(); line != null; line = lines.next()) {
                number++;
                if (lines.truncated()) {
                    err.println("line " + number + ": longer than " + MAX_LINE_CHARS + " characters, skipped");
                    failed++;
                    continue;
                }
                if (line.isBlank()) {
                    blank++;
                    continue;
                }
                Input input = read(number, line);
                pending.add(pool.submit(() -> analyse(input)));
                while (pending.size() >= threads * IN_FLIGHT_PER_THREAD) {
                    if (emit(pending.poll(), out, err)) written++; else failed++;
                }
            }
            while (!pending.isEmpty()) {
                if (emit(pending.poll(), out, err)) written++; else failed++;
            }
        } finally {
            pool.shutdownNow();
            out.flush();
            err.flush();
        }
        return new Summary(written, blank, failed);
    }

    /** Writes one result; false if it was an error (reported on {@code err}). */
    private static boolean emit(Future<String> result, PrintWriter out, PrintWriter err) throws InterruptedException {
        try {
            String line = result.get();
            if (line.startsWith("!")) {
                err.println(line.substring(1));
                return false;
            }
            out.println(line);
            return true;
        } catch (ExecutionException e) {
            err.println("unexpected failure: " + e.getCause());
            return false;
        }
    }

    private Input read(long number, String line) {
        String trimmed = line.strip();
        if (!trimmed.startsWith("{")) {
            return new Input(number, post(String.valueOf(number), null, line, null), null);
        }
        JsonNode node;
        try {
            node = mapper.readTree(trimmed);
        } catch (JsonProcessingException e) {
            return new Input(number, null, "not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual()) {
            return new Input(number, null, "no \"text\" string");
        }
        JsonNode id = node.get("id");
        String postId = id == null || id.isNull() || id.asText().isBlank() ? String.valueOf(number) : id.asText();
        return new Input(number, post(postId, textOrNull(node, "headline"), text.asText(), textOrNull(node, "lang")), null);
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }

    private static Post post(String id, String headline, String text, String lang) {
        return Post.of(id, "score", Instant.EPOCH, null, headline, text, null, lang);
    }

    /** The output line, or "!" and an error message. Runs on a worker thread. */
    private String analyse(Input input) {
        if (input.error() != null) {
            return "!line " + input.line() + ": " + input.error();
        }
        try {
            return mapper.writeValueAsString(toJson(analyzer.analyse(input.post(), cache)));
        } catch (RuntimeException | StackOverflowError | JsonProcessingException e) {
            return "!line " + input.line() + " (id " + input.post().id() + "): cannot score: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private ObjectNode toJson(ScoredPost scored) {
        ObjectNode o = mapper.createObjectNode();
        o.put("id", scored.id());
        putSentiment(o, scored.sentiment());
        ArrayNode entities = o.putArray("entities");
        for (EntitySentiment e : scored.entitySentiments()) {
            ObjectNode entity = entities.addObject().put("id", e.entity());
            putSentiment(entity, e.sentiment());
            entity.putPOJO("mentions", e.mentions());
        }
        if (scored.entitySentiments().isEmpty()) {
            scored.entities().forEach(id -> entities.addObject().put("id", id));
        }
        ArrayNode topics = o.putArray("topics");
        for (TopicMatch t : scored.topics()) {
            topics.addObject().put("topic", t.topic()).putPOJO("evidence", t.evidence());
        }
        o.put("model", scored.model());
        o.put("taxonomyVersion", scored.taxonomyVersion());
        if (scored.unscoredReason() != null) {
            o.put("unscoredReason", scored.unscoredReason());
        }
        return o;
    }

    private static void putSentiment(ObjectNode o, Sentiment s) {
        if (s == null) {
            o.putNull("label");
            return;
        }
        o.put("label", s.label().name().toLowerCase(Locale.ROOT));
        o.put("score", Math.round(s.score() * 10_000) / 10_000.0);
        o.put("confidence", Math.round(s.confidence() * 10_000) / 10_000.0);
    }

    /** Reads lines of at most {@code max} characters; the rest of a longer line is skipped. */
    static final class LineReader {
        private final Reader in;
        private final int max;
        private boolean truncated;
        private final char[] buffer = new char[8192];
        private int pos;
        private int len;

        LineReader(Reader in, int max) {
            this.in = in;
            this.max = max;
        }

        boolean truncated() {
            return truncated;
        }

        String next() throws IOException {
            StringBuilder line = new StringBuilder();
            truncated = false;
            boolean any = false;
            while (true) {
                if (pos == len) {
                    len = in.read(buffer);
                    pos = 0;
                    if (len <= 0) {
                        len = 0;
                        return any ? strip(line) : null;
                    }
                }
                char c = buffer[pos++];
                any = true;
                if (c == '\n') {
                    return strip(line);
                }
                if (line.length() < max) {
                    line.append(c);
                } else {
                    truncated = true;
                }
            }
        }

        private static String strip(StringBuilder line) {
            int end = line.length();
            if (end > 0 && line.charAt(end - 1) == '\r') {
                end--;
            }
            String s = line.substring(0, end);
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        }
    }
}
