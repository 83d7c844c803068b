package org.backbeat.ingest.replay;

/**
 * How fast an import replays post time: {@link #MAX} as fast as the sink takes posts, or a real-time
 * factor ({@code 3600}: one hour of post time per second of wall time; {@code 1}: as it happened).
 *
 * @param factor post-time seconds per wall-clock second, or 0 for as fast as possible
 */
public record Speed(double factor) {

    public static final Speed MAX = new Speed(0);

    public Speed {
        if (factor < 0 || Double.isNaN(factor) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("speed must be 'max' or a positive real-time factor like 3600, was " + factor);
        }
    }

    /** {@code max}, or a positive number. */
    public static Speed parse(String text) {
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("max")) {
            return MAX;
        }
        try {
            double factor = Double.parseDouble(text.strip());
            if (factor <= 0) {
                throw new NumberFormatException();
            }
            return new Speed(factor);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--speed must be 'max' or a positive real-time factor like 3600 (an hour of "
                    + "post time per second), was '" + text + "'");
        }
    }

    public boolean isMax() {
        return factor == 0;
    }
}
