package org.backbeat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short run of {@code ./backbeat bench faults}: three nlp processes and an index process on the real broker and
 * Elasticsearch, each fault inflicted for real ({@code kill -9}, Elasticsearch stopped), and Elasticsearch audited
 * against the ids the generator sent.
 */
class FaultProofTest {

    private static final int POSTS = 600;

    @TempDir
    Path dir;

    @Test
    void kill_9_of_scorers_and_indexer_and_an_elasticsearch_outage_lose_and_duplicate_nothing() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new TeeStream(log, System.out), true, StandardCharsets.UTF_8);

        // Every kind of fault, few posts: two kill -9s of a scoring process (one restarted at once, one left down
        // until the others have taken its partitions over), one of the index process, one Elasticsearch outage.
        // The processes' session timeout is the broker's least, 6 s, not Kafka's 45 s: the takeover and the index
        // restart wait it out. ./backbeat bench faults is the full-size proof (more posts and kills, a longer
        // outage, Kafka's default session timeout).
        FaultProof.Report report = new FaultProof(new FaultProof.Settings(dir, POSTS, 10, 2, Duration.ofSeconds(10),
                Duration.ofSeconds(6)), out).run();

        assertThat(report.scenarios()).hasSize(3);
        for (FaultProof.Scenario scenario : report.scenarios()) {
            IndexAudit.Result audit = scenario.audit();
            assertThat(audit.lost()).as("lost in: %s", scenario.name()).isZero();
            assertThat(audit.duplicated()).as("duplicated in: %s", scenario.name()).isZero();
            assertThat(audit.unexpected()).as("unexpected in: %s", scenario.name()).isZero();
            assertThat(audit.documents()).as("documents after: %s", scenario.name()).isEqualTo(audit.unique());
            // every 20th post sent is a copy of an earlier one: fewer distinct ids than posts sent
            assertThat(audit.unique()).isLessThan(scenario.sent());
        }
        assertThat(report.scenarios().get(2).sent()).isGreaterThanOrEqualTo(POSTS);
        assertThat(report.sentiment().posts()).isEqualTo(report.scenarios().get(2).audit().unique());
        assertThat(report.sentiment().mismatches()).as("sentiments unlike backbeat score's: %s", report.sentiment().examples()).isZero();

        var kills = report.scenarios().get(0).observations();
        assertThat(kills.get(0)).as("all three own posts.raw partitions").contains("nlp-1: posts.raw").contains("nlp-2: posts.raw")
                .contains("nlp-3: posts.raw");
        assertThat(kills.get(1)).as("nlp-2 gone, the others hold its partitions").startsWith("nlp-2 gone:")
                .contains("nlp-1: posts.raw").contains("nlp-3: posts.raw").doesNotContain("nlp-2:");
        assertThat(report.scenarios().get(2).observations().get(0)).contains("DEGRADED").contains("Elasticsearch unavailable");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("PROVEN: 0 lost, 0 duplicated");
    }

    /** Keeps the run's report for the assertions and shows it in the build log. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
