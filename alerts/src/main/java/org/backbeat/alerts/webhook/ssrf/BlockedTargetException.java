package org.backbeat.alerts.webhook.ssrf;

/** A webhook URL the SSRF guard refuses; the message says which address and why, and how to allow it. */
public final class BlockedTargetException extends Exception {

    public BlockedTargetException(String message) {
        super(message);
    }
}
