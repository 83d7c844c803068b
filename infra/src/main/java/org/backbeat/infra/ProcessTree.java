package org.backbeat.infra;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child process and everything it forked ({@code runuser}, a launcher JVM, the server JVM), stopped as one.
 * Descendants seen along the way are remembered, so a grandchild is still found after its parent has died.
 */
final class ProcessTree {

    private final Process root;
    private final boolean wrapped;
    private final Set<ProcessHandle> seen = new LinkedHashSet<>();

    /**
     * @param wrapped whether {@code root} only wraps the real command (as {@code runuser} does): then a stop
     *                request goes to its child, since {@code runuser} answers SIGTERM with SIGKILL after 2 s
     */
    ProcessTree(Process root, boolean wrapped) {
        this.root = root;
        this.wrapped = wrapped;
        remember();
    }

    Process root() {
        return root;
    }

    /** Records the current descendants; call now and then while the tree lives. */
    synchronized void remember() {
        seen.add(root.toHandle());
        root.descendants().forEach(seen::add);
    }

    /** Every process of the tree that is still alive. */
    synchronized List<ProcessHandle> alive() {
        remember();
        return seen.stream().filter(ProcessHandle::isAlive).toList();
    }

    /**
     * Stops the tree within {@code grace}, then kills (SIGKILL) what is left. First SIGTERM goes to the command
     * itself (the Elasticsearch launcher stops its server cleanly on it); once that has exited, SIGTERM goes to
     * whatever of the tree still runs. Returns whether all stopped within the grace period.
     */
    boolean destroy(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        List<ProcessHandle> command = wrapped ? root.children().toList() : List.of(root.toHandle());
        if (command.isEmpty()) {
            command = List.of(root.toHandle());
        }
        command.forEach(ProcessHandle::destroy);
        awaitExit(command, deadline);
        List<ProcessHandle> rest = alive();
        rest.forEach(ProcessHandle::destroy);
        boolean graceful = awaitExit(rest, deadline);
        if (!graceful) {
            List<ProcessHandle> stubborn = alive();
            stubborn.forEach(ProcessHandle::destroyForcibly);
            awaitExit(stubborn, System.nanoTime() + Duration.ofSeconds(10).toNanos());
        }
        return graceful;
    }

    private static boolean awaitExit(List<ProcessHandle> processes, long deadlineNanos) {
        for (ProcessHandle process : processes) {
            try {
                process.onExit().get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                // onExit never completes exceptionally; treat it like a process that is gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
