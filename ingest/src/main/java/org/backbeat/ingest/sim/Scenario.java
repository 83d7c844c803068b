package org.backbeat.ingest.sim;

import java.time.LocalDate;
import java.util.List;

/**
 * What a simulation tells: which entities people talk about, how much and how warmly, and the events
 * that move both.
 *
 * @param name   shown in the data notice
 * @param start  first day (UTC)
 * @param end    last day (UTC), inclusive
 * @param voices the entities talked about
 * @param events what happens, in any order
 * @param storms retweet storms: many copies of one text on one day, with no change of opinion
 */
public record Scenario(String name, LocalDate start, LocalDate end, List<Voice> voices, List<Event> events,
                       List<Storm> storms) {

    public Scenario {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("scenario ends (" + end + ") before it starts (" + start + ")");
        }
        voices = List.copyOf(voices);
        events = List.copyOf(events);
        storms = List.copyOf(storms);
    }

    /** A scenario without retweet storms. */
    public Scenario(String name, LocalDate start, LocalDate end, List<Voice> voices, List<Event> events) {
        this(name, start, end, voices, events, List.of());
    }

    /**
     * One text posted by {@code author} at 09:00 UTC on {@code date} and retweeted {@code retweets} times
     * ({@code RT @author: text}) by as many accounts over the next hours: a storm of copies that moves the day's
     * post count and mean while nobody changed their mind.
     */
    public record Storm(LocalDate date, String author, String text, int retweets) {
        public Storm {
            if (retweets < 1 || author == null || author.isBlank() || text == null || text.isBlank()) {
                throw new IllegalArgumentException("a storm needs an author, a text and at least one retweet");
            }
        }
    }

    /**
     * How people talk about one entity when nothing happens.
     *
     * @param entityId      catalogue id, for reading the scenario
     * @param mentions      ways posts name it ("Amazon Cloud Player", "#CloudDrive"), chosen at random
     * @param postsPerDay   mean daily volume
     * @param positiveShare share of opinionated posts that are positive
     * @param negativeShare share that are negative; the rest are neutral news and questions
     */
    public record Voice(String entityId, List<String> mentions, double postsPerDay, double positiveShare,
                        double negativeShare) {

        public Voice {
            mentions = List.copyOf(mentions);
            if (mentions.isEmpty()) {
                throw new IllegalArgumentException("voice " + entityId + " needs at least one mention");
            }
            if (positiveShare < 0 || negativeShare < 0 || positiveShare + negativeShare > 1) {
                throw new IllegalArgumentException("voice " + entityId + ": shares must be >= 0 and sum to at most 1");
            }
        }
    }

    /**
     * Something that happens to one entity on a day: volume jumps by {@code volumeFactor} and decays
     * back with a half-life; the positive share moves by {@code positiveShift} for good, the negative
     * share by as much the other way.
     */
    public record Event(LocalDate date, String entityId, String title, double volumeFactor, double halfLifeDays,
                        double positiveShift) {
    }
}
