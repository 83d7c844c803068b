package org.backbeat.dashboard.export;

/** {@code columns=} named a column the kind does not have; the message lists the valid ones. */
public final class UnknownColumnException extends IllegalArgumentException {

    public UnknownColumnException(String message) {
        super(message);
    }
}
