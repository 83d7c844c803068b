package org.backbeat.infra;

/**
 * A piece of local infrastructure (the in-process broker, the Elasticsearch child process) did not start.
 * The message says what failed and, where there is one, quotes the end of the component's log; whatever
 * had been started was stopped before this was thrown.
 */
public class InfraStartException extends RuntimeException {

    public InfraStartException(String message) {
        super(message);
    }

    public InfraStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
