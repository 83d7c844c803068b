package org.backbeat.dashboard.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class CsvRowWriterTest {

    record Row(String text, Double score, Long count, List<String> tags, Instant time) {
    }

    static final CsvTable<Row> TABLE = CsvTable.of("test",
            Column.text("text", Row::text),
            Column.number("score", Row::score),
            Column.number("count", Row::count),
            Column.text("tags", Row::tags),
            Column.text("time", Row::time));

    static final List<String> HOSTILE = List.of(
            "=HYPERLINK(\"http://x\",\"y\")", "@SUM(A1)", "+1+1", "-2+3", "\tleading tab", "\rcarriage", "\nline feed",
            "say \"hi\", then\r\nleave", "comma, inside", "emoji 🎧🔥 fine", "שלום Amazon مرحبا", "plain text");

    @Test
    void hostile_texts_come_back_as_written_neutralised_where_they_start_a_formula_and_never_split_a_row() throws IOException {
        // given a row per hostile text
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvRowWriter<Row> writer = new CsvRowWriter<>(out, TABLE, false)) {
            for (String text : HOSTILE) {
                writer.write(new Row(text, -0.42, 3L, List.of("a", "b"), Instant.parse("2011-03-29T09:00:00Z")));
            }
        }

        // when parsed back
        List<CSVRecord> records = parse(out.toString(StandardCharsets.UTF_8));

        // then one record per row, each text intact behind its guard
        assertThat(records).hasSize(HOSTILE.size() + 1);
        assertThat(records.get(0).toList()).containsExactly("text", "score", "count", "tags", "time");
        for (int i = 0; i < HOSTILE.size(); i++) {
            CSVRecord r = records.get(i + 1);
            String original = HOSTILE.get(i);
            String expected = FormulaGuard.startsFormula(original) ? "'" + original : original;
            assertThat(r.get(0)).isEqualTo(expected);
            assertThat(r.get(1)).isEqualTo("-0.42");
            assertThat(r.get(2)).isEqualTo("3");
            assertThat(r.get(3)).isEqualTo("a;b");
            assertThat(r.get(4)).isEqualTo("2011-03-29T09:00:00Z");
        }
        assertThat(records.get(1).get(0)).isEqualTo("'=HYPERLINK(\"http://x\",\"y\")");
        assertThat(records.get(4).get(0)).isEqualTo("'-2+3");
        assertThat(records.get(11).get(0)).isEqualTo("שלום Amazon مرحبا");
    }

    @Test
    void the_file_is_rfc_4180_with_crlf_and_quotes_doubled() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvRowWriter<Row> writer = new CsvRowWriter<>(out, TABLE.select("text,count"), false)) {
            writer.write(new Row("say \"hi\", ok", null, 7L, List.of(), null));
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("text,count\r\n\"say \"\"hi\"\", ok\",7\r\n");
    }

    @Test
    void numbers_are_plain_decimals_with_a_point_and_missing_values_empty() {
        assertThat(CsvRowWriter.cell(Column.Type.NUMBER, -0.42)).isEqualTo("-0.42");
        assertThat(CsvRowWriter.cell(Column.Type.NUMBER, 1.2e-5)).isEqualTo("0.000012");
        assertThat(CsvRowWriter.cell(Column.Type.NUMBER, 1.0)).isEqualTo("1");
        assertThat(CsvRowWriter.cell(Column.Type.NUMBER, 1234567.5)).isEqualTo("1234567.5");
        assertThat(CsvRowWriter.cell(Column.Type.NUMBER, Double.NaN)).isEmpty();
        assertThat(CsvRowWriter.cell(Column.Type.NUMBER, null)).isEmpty();
        assertThat(CsvRowWriter.cell(Column.Type.NUMBER, 0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(Double.parseDouble(CsvRowWriter.cell(Column.Type.NUMBER, 0.1 + 0.2))).isEqualTo(0.1 + 0.2);
    }

    @Test
    void a_bom_comes_first_when_asked() throws IOException {
        ByteArrayOutputStream with = new ByteArrayOutputStream();
        ByteArrayOutputStream without = new ByteArrayOutputStream();
        new CsvRowWriter<>(with, TABLE.select("count"), true).close();
        new CsvRowWriter<>(without, TABLE.select("count"), false).close();

        assertThat(with.toByteArray()).startsWith(0xEF - 256, 0xBB - 256, 0xBF - 256, 'c');
        assertThat(without.toByteArray()).startsWith('c');
    }

    @Test
    void columns_selects_in_the_order_asked_and_an_unknown_one_lists_the_valid_ones() {
        assertThat(TABLE.select(" count , text ").names()).containsExactly("count", "text");
        assertThat(TABLE.select("").names()).hasSize(5);

        assertThatThrownBy(() -> TABLE.select("text,sentiment,mood"))
                .isInstanceOf(UnknownColumnException.class)
                .hasMessage("unknown columns sentiment, mood; the columns of test are: text, score, count, tags, time");
    }

    @Test
    void the_guard_prefixes_only_formula_starts() {
        assertThat(FormulaGuard.neutralise("=1+1")).isEqualTo("'=1+1");
        assertThat(FormulaGuard.neutralise("a=1")).isEqualTo("a=1");
        assertThat(FormulaGuard.neutralise("")).isEmpty();
        assertThat(FormulaGuard.neutralise(null)).isNull();
        assertThat(FormulaGuard.neutralise("'quoted")).isEqualTo("'quoted");
    }

    static List<CSVRecord> parse(String csv) throws IOException {
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), CSVFormat.RFC4180.builder().get())) {
            return parser.getRecords();
        }
    }
}
