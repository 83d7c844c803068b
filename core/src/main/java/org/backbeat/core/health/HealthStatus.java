package org.backbeat.core.health;

/**
 * What one component says about itself.
 *
 * @param up     whether the component can do its job now
 * @param detail a short human-readable explanation ("cluster yellow", "Connection refused", ...)
 */
public record HealthStatus(boolean up, String detail) {

    public HealthStatus {
        detail = detail == null ? "" : detail;
    }

    public static HealthStatus up(String detail) {
        return new HealthStatus(true, detail);
    }

    public static HealthStatus down(String detail) {
        return new HealthStatus(false, detail);
    }
}
