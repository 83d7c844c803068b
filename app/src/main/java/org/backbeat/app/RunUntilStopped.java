package org.backbeat.app;

import java.util.concurrent.CountDownLatch;

/**
 * Keeps a long-running command alive until Ctrl-C (SIGINT) or SIGTERM, then closes what it started
 * before the JVM exits.
 */
final class RunUntilStopped {

    private RunUntilStopped() {
    }

    static void await(AutoCloseable running) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                System.err.println("backbeat: error while stopping: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "backbeat-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stopped.await();
    }
}
