package org.backbeat.app;

import java.util.List;

/** Finds live processes by their command line, for hygiene assertions. */
final class Processes {

    private Processes() {
    }

    static List<String> mentioning(String text) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                .filter(line -> line.contains(text))
                .toList();
    }
}
