package org.backbeat.nlp.train;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The fixed split of every labelled text, by a hash of its text (so duplicates and retweets of one text
 * always fall on the same side, and the split never depends on file order): the first byte of the
 * SHA-256 of the trimmed UTF-8 text, modulo 10 — 0 and 1 are {@link #TEST} (20%, never trained or
 * calibrated on, only reported), 2 is {@link #CALIBRATION} (10%, used to choose regularisation and class
 * offsets), 3 to 9 are {@link #TRAIN} (70%).
 */
public enum Split {
    TRAIN, CALIBRATION, TEST;

    public static Split of(String text) {
        int bucket = Math.floorMod(sha256(text.trim())[0], 10);
        return bucket < 2 ? TEST : bucket == 2 ? CALIBRATION : TRAIN;
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
