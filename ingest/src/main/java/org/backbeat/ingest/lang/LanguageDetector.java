package org.backbeat.ingest.lang;

/** Detects the language of a post's text. Implementations are thread-safe. */
@FunctionalInterface
public interface LanguageDetector {

    /** Never detects: for sources that give the language themselves, and tests that do not care. */
    LanguageDetector NONE = text -> null;

    /** ISO 639-1 code ({@code en}, {@code de}, ...) of {@code text}, or null when it cannot tell (too short, emoji only). */
    String detect(String text);
}
