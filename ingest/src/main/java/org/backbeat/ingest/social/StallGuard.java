package org.backbeat.ingest.social;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closes a streaming response that has gone silent: X sends a keep-alive newline every 30 s and asks
 * clients to reconnect after 90 s without data; Mastodon sends a heartbeat comment every few seconds. A
 * blocked read cannot time out by itself, so a daemon timer closes the stream, the read fails, and the
 * source reconnects. Read lines through {@link #readLine}, or call {@link #touch()} for every line read.
 */
public final class StallGuard implements AutoCloseable {

    private final Duration limit;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean stalled = new AtomicBoolean();
    private volatile long lastRead = System.nanoTime();

    public StallGuard(Closeable stream, Duration limit) {
        this.limit = limit;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stall-guard");
            t.setDaemon(true);
            return t;
        });
        long checkMillis = Math.max(10, limit.toMillis() / 4);
        timer.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastRead > limit.toNanos() && stalled.compareAndSet(false, true)) {
                try {
                    stream.close();
                } catch (IOException ignored) {
                    // closing is all we want; the reader sees the failure
                }
            }
        }, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
    }

    public void touch() {
        lastRead = System.nanoTime();
    }

    /**
     * The next line of {@code reader} (null at the end), marking the stream alive; a read failing because
     * the guard closed the stream says so.
     */
    public String readLine(BufferedReader reader) throws IOException {
        try {
            String line = reader.readLine();
            touch();
            return line;
        } catch (IOException e) {
            if (stalled()) {
                throw new IOException("no data for " + limit.toMillis() + " ms (stalled)", e);
            }
            throw e;
        }
    }

    /** True once the guard closed the stream for silence. */
    public boolean stalled() {
        return stalled.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
