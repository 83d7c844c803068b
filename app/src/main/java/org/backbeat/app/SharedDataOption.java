package org.backbeat.app;

import java.nio.file.Path;
import org.backbeat.core.SharedData;
import picocli.CommandLine.Option;

/** The {@code --data} option of the commands that read the labelled corpora; its default is core's {@link SharedData}. */
final class SharedDataOption {

    @Option(names = "--data", paramLabel = "DIR",
            description = "The shared data folder with the labelled corpora (default: $BACKBEAT_SHARED_DATA, "
                    + "else ../shared/data beside the checkout).")
    Path data;

    Path data() {
        return data != null ? data : SharedData.root();
    }
}
