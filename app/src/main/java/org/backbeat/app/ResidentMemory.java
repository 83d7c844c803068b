package org.backbeat.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A process's resident set size (Linux {@code /proc/<pid>/status}, VmRSS), with its descendants'. */
final class ResidentMemory {

    private ResidentMemory() {
    }

    /** Bytes resident for this process and every descendant (Elasticsearch runs under a launcher); 0 once gone. */
    static long of(ProcessHandle process) {
        long total = ofPid(process.pid());
        for (ProcessHandle child : process.descendants().toList()) {
            total += ofPid(child.pid());
        }
        return total;
    }

    private static long ofPid(long pid) {
        try {
            return parseVmRss(Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")));
        } catch (IOException e) {
            return 0; // gone, or not Linux
        }
    }

    /** The VmRSS line of a {@code /proc/<pid>/status} in bytes; 0 without one (a zombie). */
    static long parseVmRss(List<String> status) {
        for (String line : status) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024; // always kB
            }
        }
        return 0;
    }
}
