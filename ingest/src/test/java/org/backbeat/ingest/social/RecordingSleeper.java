package org.backbeat.ingest.social;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.backbeat.ingest.source.Sleeper;

/** A sleeper that records each wait it is asked for and returns at once, optionally running an action. */
public final class RecordingSleeper implements Sleeper {

    public final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    private final Runnable onSleep;

    public RecordingSleeper() {
        this(() -> {
        });
    }

    public RecordingSleeper(Runnable onSleep) {
        this.onSleep = onSleep;
    }

    @Override
    public void sleep(Duration duration) {
        waits.add(duration);
        onSleep.run();
    }
}
