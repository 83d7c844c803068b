package org.backbeat.nlp.train;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/** A minimal RFC 4180 CSV reader for the labelled corpora (quoted fields with commas, doubled quotes, line breaks). */
public final class Csv {

    private Csv() {
    }

    /** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
    public static List<List<String>> parse(Reader in) throws IOException {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int c;
        while ((c = in.read()) != -1) {
            any = true;
            if (quoted) {
                if (c == '"') {
                    int next = in.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        if (next == -1) {
                            break;
                        }
                        c = next;
                        // fall through to the unquoted handling of this character
                        if (handle(c, field, record, records)) {
                            record = new ArrayList<>();
                        }
                    }
                } else {
                    field.append((char) c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (handle(c, field, record, records)) {
                record = new ArrayList<>();
            }
        }
        if (any && (!field.isEmpty() || !record.isEmpty())) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }

    /** Handles an unquoted character; true when it ended the record. */
    private static boolean handle(int c, StringBuilder field, List<String> record, List<List<String>> records) {
        if (c == ',') {
            record.add(field.toString());
            field.setLength(0);
        } else if (c == '\n') {
            record.add(field.toString());
            field.setLength(0);
            records.add(record);
            return true;
        } else if (c != '\r') {
            field.append((char) c);
        }
        return false;
    }
}
