package org.capsim.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The comma splitting of quote-free lines gives what commons-csv gives for the same text, lines
 * are counted across the switch to commons-csv at the first quote, and numbers are read as
 * Double.parseDouble reads them.
 */
class CsvReaderTest {

    private static final CSVFormat LENIENT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).build();

    /** A record's values and line. */
    private record Read(List<String> values, long line) {
    }

    private static List<Read> all(CsvReader csv) throws IOException {
        List<Read> out = new ArrayList<>();
        CsvRecord record = new CsvRecord();
        while (csv.next(record)) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < record.size(); i++) {
                values.add(record.get(i));
            }
            out.add(new Read(values, record.line()));
        }
        return out;
    }

    @Test
    void quoteFreeTextsSplitAsCommonsCsvParsesThem() throws IOException {
        Random random = new Random(20251207);
        String alphabet = "ab1.- \t,";
        for (int n = 0; n < 2000; n++) {
            StringBuilder text = new StringBuilder("id, size ,x\n");
            List<Long> lines = new ArrayList<>();
            int rows = random.nextInt(6);
            long line = 1;
            for (int r = 0; r < rows; r++) {
                while (random.nextInt(4) == 0) {
                    text.append(random.nextBoolean() ? "\n" : "\r\n"); // an empty line
                    line++;
                }
                int length = 1 + random.nextInt(12);
                for (int i = 0; i < length; i++) {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                text.append(random.nextBoolean() ? "\n" : "\r\n");
                lines.add(++line);
            }
            List<CSVRecord> expected;
            List<String> header;
            try (CSVParser parser = CSVParser.parse(new StringReader(text.toString()), LENIENT)) {
                header = parser.getHeaderNames();
                expected = parser.getRecords();
            }
            CsvReader csv = CsvReader.lenient(text.toString());
            assertEquals(header, csv.header(), text::toString);
            List<Read> read = all(csv);
            assertEquals(expected.size(), read.size(), text::toString);
            for (int i = 0; i < read.size(); i++) {
                assertEquals(List.of(expected.get(i).values()), read.get(i).values(), text::toString);
                assertEquals(lines.get(i), read.get(i).line(), text::toString);
            }
        }
    }

    @Test
    void commonsCsvTakesOverAtTheFirstQuoteWithTheLinesCounted() throws IOException {
        String text = "\nid,name\n1, a \n\n2,\"b,\r\nc\"\n\n3 , \"d\" \n";
        CsvReader csv = CsvReader.lenient(text);
        assertEquals(List.of("id", "name"), csv.header());
        assertEquals(2, csv.headerLine());
        assertEquals(List.of(new Read(List.of("1", "a"), 3), new Read(List.of("2", "b,\r\nc"), 5),
                new Read(List.of("3", "d"), 8)), all(csv));

        CsvException e = assertThrows(CsvException.class, () -> all(CsvReader.lenient("id,name\n1,a\n\n2,\"b\n3,c\n")));
        assertEquals(4, e.line());
        assertEquals("a quoted field is never closed (a \" without its closing \")", e.getMessage());
        for (String header : List.of("\nid,,x\n1,2,3\n", "\nid,\"\",x\n1,2,3\n")) {
            e = assertThrows(CsvException.class, () -> CsvReader.lenient(header).header());
            assertEquals(1, e.line());
            assertEquals("A header name is missing in [id, , x]", e.getMessage());
        }
    }

    @Test
    void aFileAsCapsimWritesItIsReadAsWritten() throws IOException {
        String text = "p,n\n\np, x \np,\"y\ny\"\n  \np,z\n";
        List<Read> read = all(CsvReader.exact(new BufferedReader(new StringReader(text))));
        assertEquals(List.of(new Read(List.of("p", "n"), 1), new Read(List.of(""), 2), new Read(List.of("p", " x "), 3),
                new Read(List.of("p", "y\ny"), 4), new Read(List.of("  "), 6), new Read(List.of("p", "z"), 7)), read);

        CsvException e = assertThrows(CsvException.class,
                () -> all(CsvReader.exact(new BufferedReader(new StringReader("p,n\np,a\np,\"b\np,c\n")))));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("a quoted field is never closed"), e.getMessage());
    }

    @Test
    void numbersAreReadBitForBitAsParseDouble() throws IOException {
        Random random = new Random(7);
        StringBuilder text = new StringBuilder("x,y\n");
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String number = (random.nextInt(3) == 0 ? "-" : "") + random.nextInt(1_000_000) + "."
                    + Long.toString(Math.abs(random.nextLong()) % 100_000_000_000L);
            written.add(number);
            text.append(i).append(", ").append(number).append('\n');
        }
        text.append("1,1e3\n2,0x1p3\n3, NaN\n4,seven\n");
        CsvReader csv = CsvReader.lenient(text.toString());
        csv.header();
        CsvRecord record = new CsvRecord();
        for (String number : written) {
            assertTrue(csv.next(record));
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(number)), Double.doubleToRawLongBits(record.number(1)),
                    number);
        }
        assertTrue(csv.next(record));
        assertEquals(1000.0, record.number(1));
        assertTrue(csv.next(record));
        assertEquals(8.0, record.number(1));
        assertTrue(csv.next(record));
        assertTrue(Double.isNaN(record.number(1)));
        assertTrue(csv.next(record));
        assertEquals("seven", record.get(1));
        assertThrows(NumberFormatException.class, () -> record.number(1));
        assertFalse(csv.next(record));
    }
}
