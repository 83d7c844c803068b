package org.backbeat.alerts;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.backbeat.alerts.evaluation.Baseline;
import org.backbeat.alerts.evaluation.RuleState;
import org.backbeat.alerts.evaluation.TextCount;
import org.backbeat.alerts.evaluation.WindowAggregate;
import org.backbeat.core.Alert;
import org.backbeat.core.JsonSerde;

/**
 * Binary serdes of the alert topology's internal records: the repartition's {@link Observation} and the three
 * stores' values. They are written and read once or more per post and per rule, where JSON cost most of the
 * topology's CPU (profiled with JFR: Jackson's reads and writes of store values and of the repartition record).
 * Nothing outside the topology reads them.
 *
 * <p>Every value starts with a format byte ({@value #FORMAT}); a value starting with {@code '{'} is the JSON an
 * earlier version wrote (stores and repartition records survive an upgrade) and is read as JSON. Strings are
 * UTF-8 after their length in bytes, instants are epoch seconds and nanoseconds, nullable fields
 * carry a presence flag.
 */
final class CompactSerdes {

    /** The format byte of this encoding; a new layout gets a new byte and keeps reading the old ones. */
    static final int FORMAT = 1;
    private static final int JSON = '{';

    private CompactSerdes() {
    }

    static Serde<Observation> observations() {
        return new Codec<>(Observation.class) {
            @Override
            void write(DataOutputStream out, Observation o) throws IOException {
                utf(out, o.postId());
                instant(out, o.publishedAt());
                utf(out, o.source());
                string(out, o.lang());
                out.writeShort(o.topics().size());
                for (String t : o.topics()) {
                    utf(out, t);
                }
                string(out, o.textCluster());
                number(out, o.sentiment());
                out.writeBoolean(o.negative());
                string(out, o.author());
                string(out, o.text());
                string(out, o.url());
                out.writeInt(o.partition());
            }

            @Override
            Observation read(DataInputStream in) throws IOException {
                String postId = utf(in);
                Instant publishedAt = instant(in);
                String source = utf(in);
                String lang = string(in);
                int n = in.readShort();
                List<String> topics = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    topics.add(utf(in));
                }
                return new Observation(postId, publishedAt, source, lang, topics, string(in), number(in),
                        in.readBoolean(), string(in), string(in), string(in), in.readInt());
            }
        };
    }

    static Serde<TextCount> textCounts() {
        return new Codec<>(TextCount.class) {
            @Override
            void write(DataOutputStream out, TextCount t) throws IOException {
                textCount(out, t);
            }

            @Override
            TextCount read(DataInputStream in) throws IOException {
                return textCount(in);
            }
        };
    }

    static Serde<WindowAggregate> windows() {
        return new Codec<>(WindowAggregate.class) {
            @Override
            void write(DataOutputStream out, WindowAggregate w) throws IOException {
                instant(out, w.start());
                instant(out, w.end());
                out.writeLong(w.posts());
                out.writeLong(w.texts());
                out.writeLong(w.scoredPosts());
                out.writeLong(w.scoredTexts());
                out.writeDouble(w.sentimentSum());
                out.writeDouble(w.sentimentSumSq());
                out.writeLong(w.negatives());
                out.writeShort(w.topTexts().size());
                for (TextCount t : w.topTexts()) {
                    textCount(out, t);
                }
            }

            @Override
            WindowAggregate read(DataInputStream in) throws IOException {
                Instant start = instant(in);
                Instant end = instant(in);
                long posts = in.readLong();
                long texts = in.readLong();
                long scoredPosts = in.readLong();
                long scoredTexts = in.readLong();
                double sum = in.readDouble();
                double sumSq = in.readDouble();
                long negatives = in.readLong();
                int n = in.readShort();
                List<TextCount> top = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    top.add(textCount(in));
                }
                return new WindowAggregate(start, end, posts, texts, scoredPosts, scoredTexts, sum, sumSq, negatives, top);
            }
        };
    }

    /** The states store's values; the JSON of a bare {@link RuleState} (earlier versions) reads with unknown windows. */
    static Serde<TrackedState> trackedStates() {
        JsonSerde<RuleState> legacy = new JsonSerde<>(RuleState.class);
        return new Codec<>("RuleState", bytes -> new TrackedState(legacy.read(bytes), null)) {
            @Override
            void write(DataOutputStream out, TrackedState tracked) throws IOException {
                RuleState s = tracked.state();
                out.writeByte(s.status().ordinal());
                instant(out, s.pendingSince());
                instant(out, s.firingWindowStart());
                instant(out, s.lastFiredAt());
                instant(out, s.lastTrueWindow());
                instant(out, s.firstWindowStart());
                instant(out, s.nextToClose());
                Baseline b = s.baseline();
                out.writeInt(b.windows());
                out.writeLong(b.posts());
                out.writeLong(b.postsSq());
                out.writeLong(b.texts());
                out.writeLong(b.scoredPosts());
                out.writeLong(b.scoredTexts());
                out.writeDouble(b.sentimentSum());
                out.writeDouble(b.sentimentSumSq());
                out.writeLong(b.negatives());
                utf(out, s.signature());
                List<Long> filled = tracked.filled();
                out.writeInt(filled == null ? -1 : filled.size());
                if (filled != null) {
                    for (long start : filled) {
                        out.writeLong(start);
                    }
                }
            }

            @Override
            TrackedState read(DataInputStream in) throws IOException {
                RuleState.Status status = RuleState.Status.values()[in.readByte()];
                Instant pendingSince = instant(in);
                Instant firingWindowStart = instant(in);
                Instant lastFiredAt = instant(in);
                Instant lastTrueWindow = instant(in);
                Instant firstWindowStart = instant(in);
                Instant nextToClose = instant(in);
                Baseline b = new Baseline(in.readInt(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                        in.readLong(), in.readDouble(), in.readDouble(), in.readLong());
                RuleState state = new RuleState(status, pendingSince, firingWindowStart, lastFiredAt, lastTrueWindow,
                        firstWindowStart, nextToClose, b, utf(in));
                int n = in.readInt();
                List<Long> filled = null;
                if (n >= 0) {
                    filled = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        filled.add(in.readLong());
                    }
                }
                return new TrackedState(state, filled);
            }
        };
    }

    private static void textCount(DataOutputStream out, TextCount t) throws IOException {
        utf(out, t.textCluster());
        out.writeLong(t.copies());
        out.writeLong(t.scoredCopies());
        out.writeDouble(t.sentimentSum());
        out.writeDouble(t.sentimentSumSq());
        out.writeLong(t.negatives());
        Alert.Sample e = t.example();
        out.writeBoolean(e != null);
        if (e != null) {
            string(out, e.postId());
            instant(out, e.publishedAt());
            string(out, e.author());
            string(out, e.text());
            string(out, e.url());
            number(out, e.sentiment());
        }
    }

    private static TextCount textCount(DataInputStream in) throws IOException {
        String cluster = utf(in);
        long copies = in.readLong();
        long scoredCopies = in.readLong();
        double sum = in.readDouble();
        double sumSq = in.readDouble();
        long negatives = in.readLong();
        Alert.Sample example = in.readBoolean()
                ? new Alert.Sample(string(in), instant(in), string(in), string(in), string(in), number(in))
                : null;
        return new TextCount(cluster, copies, scoredCopies, sum, sumSq, negatives, example);
    }

    private static void utf(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String utf(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            utf(out, s);
        }
    }

    private static String string(DataInputStream in) throws IOException {
        return in.readBoolean() ? utf(in) : null;
    }

    private static void instant(DataOutputStream out, Instant t) throws IOException {
        out.writeBoolean(t != null);
        if (t != null) {
            out.writeLong(t.getEpochSecond());
            out.writeInt(t.getNano());
        }
    }

    private static Instant instant(DataInputStream in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }

    private static void number(DataOutputStream out, Double d) throws IOException {
        out.writeBoolean(d != null);
        if (d != null) {
            out.writeDouble(d);
        }
    }

    private static Double number(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }

    /** One record type: the binary layout, with the JSON of earlier versions still read. */
    private abstract static class Codec<T> implements Serde<T> {
        private final java.util.function.Function<byte[], T> legacy;
        private final String name;

        Codec(Class<T> type) {
            this(type.getSimpleName(), new JsonSerde<>(type)::read);
        }

        Codec(String name, java.util.function.Function<byte[], T> legacy) {
            this.legacy = legacy;
            this.name = name;
        }

        abstract void write(DataOutputStream out, T value) throws IOException;

        abstract T read(DataInputStream in) throws IOException;

        @Override
        public Serializer<T> serializer() {
            return (topic, value) -> {
                if (value == null) {
                    return null;
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
                try (DataOutputStream out = new DataOutputStream(bytes)) {
                    out.writeByte(FORMAT);
                    write(out, value);
                } catch (IOException e) {
                    throw new UncheckedIOException(e); // (writing to a byte array does not fail)
                }
                return bytes.toByteArray();
            };
        }

        @Override
        public Deserializer<T> deserializer() {
            return (topic, bytes) -> {
                if (bytes == null) {
                    return null;
                }
                if (bytes.length > 0 && bytes[0] == JSON) {
                    return legacy.apply(bytes);
                }
                if (bytes.length == 0 || bytes[0] != FORMAT) {
                    throw new SerializationException("not a " + name + " record: format byte "
                            + (bytes.length == 0 ? "missing" : Integer.toString(bytes[0])) + ", this version reads " + FORMAT);
                }
                try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
                    return read(in);
                } catch (IOException | RuntimeException e) {
                    throw new SerializationException("not a valid " + name + " record: " + e, e);
                }
            };
        }
    }
}
