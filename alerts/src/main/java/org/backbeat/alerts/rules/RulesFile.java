package org.backbeat.alerts.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.backbeat.core.Json;

/**
 * The rules file ({@code config/alert-rules.json}): {@code {"rules": [ {rule}, ... ]}}, each rule as the API
 * writes it. Read at start to seed the rule store when it is empty; every rule is validated and a bad file
 * is refused with every problem named, so no rule is half-read.
 */
public final class RulesFile {

    /** The file's shape. */
    public record Contents(List<AlertRule> rules) {
        public Contents {
            rules = rules == null ? List.of() : List.copyOf(rules);
        }
    }

    private static final ObjectMapper JSON = Json.mapper();

    private RulesFile() {
    }

    /** Reads and validates the rules of {@code file}; {@code knownEntities} null: entity ids not checked. */
    public static List<AlertRule> read(Path file, Set<String> knownEntities) {
        try {
            return parse(Files.readString(file), file.toString(), knownEntities);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rules file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses and validates rules file contents; {@code origin} names the file in messages. */
    public static List<AlertRule> parse(String json, String origin, Set<String> knownEntities) {
        Contents contents;
        try {
            contents = JSON.readValue(json, Contents.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the rules file " + origin + " is not valid JSON of the form "
                    + "{\"rules\": [...]}: " + e.getOriginalMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < contents.rules().size(); i++) {
            AlertRule rule = contents.rules().get(i);
            String where = "rule #" + (i + 1) + (rule.id() == null ? "" : " '" + rule.id() + "'");
            RuleValidation.problems(rule, knownEntities).forEach(p -> problems.add(where + ": " + p));
            if (rule.id() != null && !ids.add(rule.id())) {
                problems.add(where + ": the id is used by an earlier rule");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRuleException("the rules file " + origin, problems);
        }
        return contents.rules();
    }

    /** The file's JSON for these rules, pretty-printed. */
    public static String write(List<AlertRule> rules) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(new Contents(rules));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rules are plain records", e);
        }
    }
}
