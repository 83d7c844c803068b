package org.backbeat.ingest.sim;

import java.time.LocalDate;
import java.util.List;

/** Ready-made scenarios. */
public final class Scenarios {

    private Scenarios() {
    }

    /**
     * Spring 2011, the cloud-locker season: Amazon launches Cloud Drive and Cloud Player without label
     * licences (2011-03-29), Google opens Music Beta (2011-05-10). Dates of the events are real; the
     * posts and their mood are simulated. On 19 April one gloomy Spotify news text is retweeted 120 times while
     * opinion of Spotify does not move: counted by posts the day dips, counted by texts it does not. Spotify has no
     * shipped alert rule and the text names no topic a rule watches, so the storm trips no alert.
     */
    public static Scenario cloudLockers2011() {
        return new Scenario("Cloud lockers, spring 2011 (simulated posts around real event dates)",
                LocalDate.of(2011, 3, 1), LocalDate.of(2011, 5, 31),
                List.of(
                        new Scenario.Voice("amazon", List.of("Amazon Cloud Player", "Amazon Cloud Drive", "Amazon MP3", "#CloudDrive", "@amazonmp3"), 6, 0.30, 0.30),
                        new Scenario.Voice("itunes", List.of("iTunes", "the iTunes Store", "#iTunes"), 9, 0.35, 0.30),
                        new Scenario.Voice("google-music", List.of("Google Music", "Music Beta by Google", "#GoogleMusic"), 3, 0.30, 0.25),
                        new Scenario.Voice("spotify", List.of("Spotify", "@Spotify", "#Spotify"), 7, 0.45, 0.20),
                        new Scenario.Voice("sony-music", List.of("Sony Music", "Sony Music Entertainment"), 3, 0.20, 0.35),
                        new Scenario.Voice("umg", List.of("Universal Music", "UMG"), 3, 0.20, 0.35),
                        new Scenario.Voice("riaa", List.of("the RIAA", "RIAA"), 2, 0.10, 0.50)),
                List.of(
                        new Scenario.Event(LocalDate.of(2011, 3, 29), "amazon",
                                "Amazon launches Cloud Drive and Cloud Player", 6, 4, 0.20),
                        new Scenario.Event(LocalDate.of(2011, 3, 29), "sony-music",
                                "Sony Music weighs legal options over Amazon's locker", 3, 3, -0.10),
                        new Scenario.Event(LocalDate.of(2011, 5, 10), "google-music",
                                "Google opens Music Beta by invitation", 6, 3, 0.15)),
                List.of(
                        new Scenario.Storm(LocalDate.of(2011, 4, 19), "musicwire",
                                "Spotify US launch delayed again. Bad news and a sad, frustrating wait for fans.", 120)));
    }
}
