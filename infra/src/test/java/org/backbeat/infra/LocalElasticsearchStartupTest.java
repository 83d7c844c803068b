package org.backbeat.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up checks and failures: each failure must say what went wrong and leave no process behind. Fake
 * launchers (shell scripts in place of bin/elasticsearch) keep these fast; LocalElasticsearchTest runs the real one.
 */
class LocalElasticsearchStartupTest {

    @Test
    void a_home_without_elasticsearch_is_refused_before_anything_starts(@TempDir Path dir) {
        List<ProcessHandle> childrenBefore = ProcessHandle.current().children().toList();
        LocalElasticsearch.Settings settings = LocalElasticsearch.Settings.of(dir.resolve("no-such-es"), dir.resolve("work"));

        assertThatThrownBy(() -> LocalElasticsearch.start(settings))
                .isInstanceOf(InfraStartException.class)
                .hasMessageContaining("bin/elasticsearch is missing")
                .hasMessageContaining(LocalElasticsearch.HOME_PROPERTY);
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)).containsExactlyInAnyOrderElementsOf(childrenBefore);
        assertThat(dir.resolve("work")).doesNotExist();
    }

    @Test
    void a_server_that_exits_is_reported_with_the_end_of_its_log(@TempDir Path dir) throws IOException {
        Path home = fakeHome(TestDirs.searchable(dir), """
                echo "starting fake elasticsearch"
                echo "java.lang.IllegalArgumentException: unknown setting [xpack.bogus]" >&2
                exit 78
                """);

        assertThatThrownBy(() -> LocalElasticsearch.start(LocalElasticsearch.Settings.of(home, dir.resolve("work"))))
                .isInstanceOf(InfraStartException.class)
                .hasMessageContaining("exited with status 78")
                .hasMessageContaining("unknown setting [xpack.bogus]");
    }

    @Test
    void a_server_that_never_gets_healthy_is_stopped_with_everything_it_forked(@TempDir Path dir) throws IOException {
        Path home = fakeHome(TestDirs.searchable(dir), """
                echo $$ > launcher.pids
                sleep 300 &
                echo $! >> launcher.pids
                wait
                """);
        Path work = dir.resolve("work");

        assertThatThrownBy(() -> LocalElasticsearch.start(
                LocalElasticsearch.Settings.of(home, work).withStartTimeout(Duration.ofSeconds(2))))
                .isInstanceOf(InfraStartException.class)
                .hasMessageContaining("not healthy")
                .hasMessageContaining("within 2 s");

        List<Long> pids = Files.readAllLines(work.resolve("launcher.pids")).stream().map(Long::parseLong).toList();
        assertThat(pids).hasSize(2);
        assertThat(pids).noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void as_root_a_work_dir_that_nobody_can_reach_is_refused_with_what_to_do(@TempDir Path dir) throws IOException {
        assumeTrue(UnprivilegedUser.needed(), "only root runs Elasticsearch as another user");
        Path home = fakeHome(TestDirs.searchable(dir), "exit 0\n");
        Path closed = Files.createDirectories(dir.resolve("private"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));

        assertThatThrownBy(() -> LocalElasticsearch.start(LocalElasticsearch.Settings.of(home, closed.resolve("work"))))
                .isInstanceOf(InfraStartException.class)
                .hasMessageContaining("cannot enter " + closed)
                .hasMessageContaining("Choose a work directory elsewhere");
        assertThat(closed.resolve("work")).doesNotExist();
    }

    @Test
    void a_server_left_running_by_a_killed_run_is_stopped_but_an_unrelated_process_is_not(@TempDir Path dir) throws Exception {
        Path home = fakeHome(TestDirs.searchable(dir), "exit 1\n");
        Path work = Files.createDirectories(dir.resolve("work"));
        // given a live process whose command line looks like the server JVM of this work directory, named by the pid file
        Process leftover = new ProcessBuilder("sh", "-c", "trap 'kill $!; exit 143' TERM; sleep 300 & wait",
                "sh", "-Djava.io.tmpdir=" + work.resolve("tmp")).start();
        Files.writeString(work.resolve(LocalElasticsearch.PID_FILE), leftover.pid() + "\n");

        // when a node starts there, then the leftover is stopped first
        assertThatThrownBy(() -> LocalElasticsearch.start(LocalElasticsearch.Settings.of(home, work)))
                .isInstanceOf(InfraStartException.class);
        assertThat(leftover.waitFor(10, TimeUnit.SECONDS)).isTrue();

        // given a pid file naming some other live process, when a node starts, then that process is left alone
        Process unrelated = new ProcessBuilder("sleep", "300").start();
        try {
            Files.writeString(work.resolve(LocalElasticsearch.PID_FILE), unrelated.pid() + "\n");
            assertThatThrownBy(() -> LocalElasticsearch.start(LocalElasticsearch.Settings.of(home, work)))
                    .isInstanceOf(InfraStartException.class);
            assertThat(unrelated.isAlive()).isTrue();
        } finally {
            unrelated.destroyForcibly();
            leftover.destroyForcibly();
        }
    }

    /** A distribution whose bin/elasticsearch is the given shell script. */
    private static Path fakeHome(Path dir, String script) throws IOException {
        Path home = dir.resolve("fake-es");
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config").resolve("elasticsearch.yml"), "");
        Path launcher = Files.createDirectories(home.resolve("bin")).resolve("elasticsearch");
        Files.writeString(launcher, "#!/bin/sh\n" + script);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }
}
