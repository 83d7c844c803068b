package org.backbeat.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.kafka.common.errors.SerializationException;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.Json;
import org.backbeat.core.JsonSerde;
import org.backbeat.core.Post;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a file of posts, one JSON {@link Post} per line, with their original timestamps, so a replay
 * of 2011 charts exactly like 2011 did. A line that is not a valid post goes to the dead-letter topic
 * with its line number and the reason; the replay goes on. A line {@code {"deleted":"<post id>"}} is a
 * deletion (what {@link org.backbeat.ingest.replay.JsonlFileSink} writes for a delete notice): it replays
 * as a tombstone.
 */
public final class JsonlReplay {

    private static final Logger log = LoggerFactory.getLogger(JsonlReplay.class);

    private final PostSink sink;
    private final Clock clock;
    private final JsonSerde<Post> serde = new JsonSerde<>(Post.class);
    private final ObjectMapper mapper = Json.mapper();

    public JsonlReplay(PostSink sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    public ReplayStats replay(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return replay(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read replay file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads UTF-8 JSONL from {@code in}; {@code name} identifies it in dead letters and logs. */
    public ReplayStats replay(InputStream in, String name) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        long read = 0;
        long accepted = 0;
        long rejected = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder))) {
            String line;
            long lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                read++;
                try {
                    String deleted = deletedId(line);
                    if (deleted != null) {
                        sink.delete(deleted);
                    } else {
                        sink.accept(serde.read(line.getBytes(StandardCharsets.UTF_8)));
                    }
                    accepted++;
                } catch (SerializationException e) {
                    rejected++;
                    String reason = name + " line " + lineNo + ": " + e.getMessage();
                    log.warn("Skipping bad replay line: {}", reason);
                    sink.reject(DeadLetter.of("ingest", name, null, line, reason, clock.instant()));
                }
            }
        }
        sink.flush();
        log.info("Replayed {}: {} posts, {} rejected", name, accepted, rejected);
        return new ReplayStats(read, accepted, rejected);
    }

    /** The post id of a deletion line, or null for any other line. */
    private String deletedId(String line) {
        if (!line.startsWith(DELETED_PREFIX)) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(line);
            JsonNode id = node.get("deleted");
            if (node.size() != 1 || id == null || !id.isTextual() || id.asText().isBlank()) {
                throw new SerializationException("a deletion line holds exactly one non-blank \"deleted\" post id");
            }
            return id.asText();
        } catch (JsonProcessingException e) {
            throw new SerializationException("not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** How {@link org.backbeat.ingest.replay.JsonlFileSink} writes a deletion. */
    public static final String DELETED_PREFIX = "{\"deleted\":";
}
