package org.backbeat.alerts.webhook.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a failed delivery is tried again: the first attempt right away, then one retry after each step of the
 * schedule, then it is parked. The default {@value #DEFAULT} makes 9 attempts spread over up to about 10 h 42 min.
 *
 * <p>Each wait is drawn with <em>full jitter</em>: uniformly between 0 and the step's value, so receivers that
 * failed together (an outage) are not hit together when they come back. The steps grow roughly exponentially;
 * the jitter makes the expected total about half the sum.
 *
 * @param steps the waits' ceilings, one per retry
 */
public record RetrySchedule(List<Duration> steps, DoubleSupplier random) {

    public static final String DEFAULT = "5s,30s,2m,10m,30m,1h,3h,6h";
    private static final Pattern STEP = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    public RetrySchedule {
        steps = List.copyOf(steps);
        for (Duration step : steps) {
            if (step.isNegative() || step.isZero()) {
                throw new IllegalArgumentException("every retry step must be positive, was " + step);
            }
        }
    }

    public RetrySchedule(List<Duration> steps) {
        this(steps, () -> ThreadLocalRandom.current().nextDouble());
    }

    public static RetrySchedule defaults() {
        return parse(DEFAULT);
    }

    /**
     * A schedule written as comma-separated durations with a unit each: {@code ms}, {@code s}, {@code m} or
     * {@code h}, e.g. {@value #DEFAULT}.
     */
    public static RetrySchedule parse(String text) {
        List<Duration> steps = new ArrayList<>();
        for (String part : text.split(",")) {
            Matcher m = STEP.matcher(part.strip().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new IllegalArgumentException("a retry schedule is durations like " + DEFAULT + " (units ms, s, m, h); '"
                        + part.strip() + "' is not one");
            }
            long n = Long.parseLong(m.group(1));
            steps.add(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
        }
        return new RetrySchedule(steps);
    }

    /** All attempts a delivery gets before it is parked: the first and one per step. */
    public int maxAttempts() {
        return steps.size() + 1;
    }

    /**
     * The wait before the next attempt after {@code attemptsMade} failed attempts of this round, or empty when
     * they are used up.
     */
    public Optional<Duration> delayAfter(int attemptsMade) {
        if (attemptsMade < 1 || attemptsMade > steps.size()) {
            return Optional.empty();
        }
        long ceiling = steps.get(attemptsMade - 1).toMillis();
        return Optional.of(Duration.ofMillis(Math.round(ceiling * random.getAsDouble())));
    }

    /** The longest wait of the schedule: Retry-After answers are capped at it. */
    public Duration longestStep() {
        return steps.stream().max(Duration::compareTo).orElse(Duration.ZERO);
    }

    @Override
    public String toString() {
        return steps.toString();
    }
}
