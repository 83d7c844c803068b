package org.backbeat.ingest.social;

import java.util.Locale;
import org.backbeat.ingest.lang.LanguageDetector;

/** The language of a social post: what the source declares when it declares one, else what the detector says. */
public final class Languages {

    private Languages() {
    }

    /**
     * {@code declared} reduced to its ISO 639-1 part ({@code en-US} to {@code en}); when it is missing or
     * {@code und} (Twitter's "undetermined"), the detector's verdict on {@code text}, which may be null.
     */
    public static String of(String declared, String text, LanguageDetector detector) {
        if (declared != null && !declared.isBlank()) {
            String primary = declared.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
            if (!primary.equals("und") && !primary.isEmpty()) {
                return primary;
            }
        }
        return text == null || text.isBlank() ? null : detector.detect(text);
    }
}
