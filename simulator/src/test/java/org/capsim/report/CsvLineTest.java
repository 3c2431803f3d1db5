package org.capsim.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;

/** A text field's bytes, by the shortcut for plain ids or the general way, are what commons-csv prints. */
class CsvLineTest {

    private static byte[] printed(String value) throws IOException {
        StringBuilder out = new StringBuilder();
        CSVFormat.DEFAULT.print(value, out, true);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void textFieldsAreWhatCommonsCsvPrints() throws IOException {
        List<String> edges = List.of("", "a", "job-1", "-1", "#x", " x", "x ", "x,y", "x\"y", "\"", "x\ny", "x\ry", "é", "été-1",
                "中", "1.5e3", "a:b/c+d@e_f.g", "_a", ".a", "a\tb", "A-Z", "z9");
        for (String value : edges) {
            assertArrayEquals(printed(value), CsvLine.encode(value), value);
        }
        String alphabet = "aZ09-_.:/+@ #,\"\n\r\té中!;=";
        Random random = new Random(11);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(8);
            for (int k = 0; k < length; k++) {
                // mostly characters of plain ids, so that both ways are taken often
                value.append(random.nextInt(3) > 0 ? alphabet.charAt(random.nextInt(11)) : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = value.toString();
            assertArrayEquals(printed(text), CsvLine.encode(text), text);
        }
    }
}
