package org.backbeat.ingest.source;

import java.io.IOException;
import java.time.Duration;

/**
 * One live source (a Twitter search, a press feed, a Mastodon timeline, the Bluesky firehose) behind
 * one interface. A source normalises what it reads into posts, hands them to
 * {@link SourceContext#sink()}, and keeps its own place in {@link SourceContext#checkpoint()}.
 *
 * <p>A <em>polling</em> source ({@link #pollInterval()} positive) fetches what is new once per call of
 * {@link #run} and returns; the {@link SourceRunner} calls it again after the interval. A
 * <em>streaming</em> source ({@link #pollInterval()} zero) runs until {@link SourceContext#stopped()} and
 * reconnects by itself; if it throws, the runner restarts it after a backoff.
 */
public interface Source {

    /** A unique, stable name: it names the checkpoint file and the metrics, e.g. {@code rss:arstechnica}. */
    String name();

    /** Time between two polls, or {@link Duration#ZERO} for a streaming source. */
    Duration pollInterval();

    /**
     * Fetches (polling) or streams (streaming) posts into the context's sink, and saves the checkpoint
     * after the sink has flushed what the checkpoint covers.
     *
     * @throws IOException a fetch failed (network, HTTP error, rate limit): the runner counts it, backs off and retries
     */
    void run(SourceContext context) throws IOException, InterruptedException;
}
