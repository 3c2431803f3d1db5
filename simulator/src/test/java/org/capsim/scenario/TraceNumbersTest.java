package org.capsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The trace reader's fast number parsing and duplicate-id index give exactly what the slow, plain
 * ways give: Double.parseDouble (bit for bit) and a hash map of the first line of each id.
 */
class TraceNumbersTest {

    /** What the reader must return: parseDouble of the trimmed text, NaN when it is not a finite number. */
    private static double expected(String text) {
        try {
            double value = Double.parseDouble(text.trim());
            return Double.isFinite(value) ? value : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    @Test
    void numbersAreParsedBitForBitAsParseDouble() {
        List<String> edges = List.of("0", "-0", "+0", "-0.0", "0.", ".5", "5.", ".", "-", "+", "", " ", " 7 ", "1e3", "1E-2",
                "NaN", "Infinity", "-Infinity", "0x1p3", "1d", "2f", "1.2.3", "--1", "1,5", "123456789012345", "1234567890123456",
                "0.1234567890123456789012", "0.12345678901234567890123", "00000000000000000000001", "9007199254740993",
                "1.7976931348623157", "4.9e-324", "3.000", "100000000000000000000000", "0.30000000000000004", "12:30");
        for (String text : edges) {
            assertEquals(Double.doubleToRawLongBits(expected(text)), Double.doubleToRawLongBits(CsvInput.parseNumber(text)),
                    () -> "'" + text + "'");
        }
        Random random = new Random(20251130);
        for (int i = 0; i < 200_000; i++) {
            String text = randomNumber(random);
            assertEquals(Double.doubleToRawLongBits(expected(text)), Double.doubleToRawLongBits(CsvInput.parseNumber(text)),
                    () -> "'" + text + "'");
        }
    }

    private static String randomNumber(Random random) {
        StringBuilder s = new StringBuilder();
        switch (random.nextInt(4)) {
            case 0 -> s.append('-');
            case 1 -> s.append('+');
            default -> { }
        }
        int whole = random.nextInt(18);
        for (int i = 0; i < whole; i++) {
            s.append((char) ('0' + random.nextInt(10)));
        }
        if (random.nextInt(3) > 0) {
            s.append('.');
            int decimals = random.nextInt(26);
            for (int i = 0; i < decimals; i++) {
                s.append((char) ('0' + random.nextInt(10)));
            }
        }
        return s.toString();
    }

    @Test
    void duplicateIdsAreFoundWithTheLineOfTheirFirstUse() {
        IdIndex index = new IdIndex();
        java.util.Map<String, Integer> plain = new java.util.HashMap<>();
        Random random = new Random(7);
        int duplicates = 0;
        for (int line = 2; line < 300_000; line++) {
            String id = "job-" + random.nextInt(200_000);
            Integer first = plain.putIfAbsent(id, line);
            int found = index.firstLine(id, line);
            assertEquals(first == null ? 0 : first, found, id);
            duplicates += first == null ? 0 : 1;
        }
        assertEquals(true, duplicates > 50_000, "duplicates seen: " + duplicates);
    }
}
