package org.capsim.scenario;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads an input file as text and parses it to a YAML node tree with line and column marks.
 * Anything that stops the file from being read at all (missing, a folder, empty, binary, not
 * UTF-8, a YAML syntax error) becomes one clear problem.
 */
final class YamlFile {

    /** Larger scenario files are refused before parsing. */
    static final long MAX_BYTES = 8L * 1024 * 1024;
    /** Aliases to collections a file may use (guards against "billion laughs" expansion). */
    static final int MAX_ALIASES = 100;
    /** Nesting levels a file may use; a scenario needs about six. The composer recurses per level. */
    static final int MAX_DEPTH = 64;

    private YamlFile() {
    }

    /** The document's root node, or empty after recording why there is none. */
    static Optional<Node> parse(Path path, String label, Problems problems) {
        Optional<String> text = readText(path, label, "scenario", problems);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        LoadSettings settings = settings(label);
        try {
            Optional<Mark> tooDeep = firstTooDeep(settings, text.get());
            if (tooDeep.isPresent()) {
                problems.add(location(label, tooDeep), "", "the YAML is nested more than " + MAX_DEPTH
                        + " levels deep here; a scenario needs only a few");
                return Optional.empty();
            }
            List<Node> documents = new ArrayList<>();
            new Compose(settings).composeAllFromReader(new StringReader(text.get())).forEach(documents::add);
            if (documents.isEmpty()) {
                problems.add(new Location(label, 0, 0), "", "the file is empty; a scenario needs at least: "
                        + "name, start, horizon, gpu-types, providers, sites, demand");
                return Optional.empty();
            }
            if (documents.size() > 1) {
                Node second = documents.get(1);
                problems.add(location(label, second.getStartMark()), "",
                        "the file holds " + documents.size() + " YAML documents (separated by '---'); a scenario is one");
                return Optional.empty();
            }
            return Optional.of(documents.get(0));
        } catch (MarkedYamlEngineException e) {
            problems.add(location(label, e.getProblemMark().or(e::getContextMark)), "", syntaxError(e));
        } catch (YamlEngineException e) {
            problems.add(new Location(label, 0, 0), "", unmarked(e));
        }
        return Optional.empty();
    }

    /**
     * How capsim parses YAML, a file or a {@code --set} value alike: marks named {@code label},
     * duplicate keys left to the reader (which reports both lines), aliases and size bounded.
     */
    static LoadSettings settings(String label) {
        return LoadSettings.builder()
                .setLabel(label)
                .setAllowDuplicateKeys(true)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setAllowRecursiveKeys(false)
                .setCodePointLimit((int) MAX_BYTES)
                .build();
    }

    /**
     * A YAML error without a position: snakeyaml-engine's own words, except for the alias limit,
     * said in a planner's words (an "alias bomb" expands a few lines into millions of nodes).
     */
    static String unmarked(YamlEngineException e) {
        String message = firstLine(e.getMessage());
        if (message.startsWith("Number of aliases")) {
            return "too many YAML aliases (*name) to lists or maps: more than " + MAX_ALIASES
                    + " (an alias bomb?); a scenario needs few or none";
        }
        return "not valid YAML: " + message;
    }

    /** "YAML syntax error: what (context)", without the snippet snakeyaml appends. */
    static String syntaxError(MarkedYamlEngineException e) {
        return "YAML syntax error: " + e.getProblem()
                + (e.getContext() != null && !e.getContext().isBlank() ? " (" + e.getContext().trim() + ")" : "");
    }

    /**
     * The file as UTF-8 text, or empty after recording why it cannot be read.
     *
     * @param what what the file should be, for messages ("scenario", "trace")
     */
    static Optional<String> readText(Path path, String label, String what, Problems problems) {
        Location whole = new Location(label, 0, 0);
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) {
                problems.add(whole, "", "is a folder, not a " + what + " file");
                return Optional.empty();
            }
            long size = Files.size(path);
            if (size > MAX_BYTES && what.equals("scenario")) {
                problems.add(whole, "", "is " + size + " bytes; a scenario file may have at most " + MAX_BYTES);
                return Optional.empty();
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            problems.add(whole, "", "file not found");
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            problems.add(whole, "", "cannot read the file: " + e.getMessage());
            return Optional.empty();
        } catch (OutOfMemoryError e) {
            problems.add(whole, "", "the file is too large to read");
            return Optional.empty();
        }
        return decode(bytes, label, what, problems);
    }

    static Optional<String> decode(byte[] bytes, String label, String what, Problems problems) {
        Location whole = new Location(label, 0, 0);
        String encoding = unicodeEncoding(bytes);
        if (encoding != null) {
            problems.add(whole, "", "the file is encoded in " + encoding + "; save it as UTF-8");
            return Optional.empty();
        }
        int nul = indexOf(bytes, (byte) 0);
        if (nul >= 0) {
            problems.add(new Location(label, lineOf(bytes, nul), 0), "",
                    "binary data (a NUL byte): this is not a " + what + " text file");
            return Optional.empty();
        }
        if (ascii(bytes)) {
            // the common case (a trace of ids and numbers): UTF-8 is then one byte a character,
            // and the String is a copy of the bytes, with no char buffer the size of the file
            return Optional.of(new String(bytes, StandardCharsets.ISO_8859_1));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.add(new Location(label, lineOf(bytes, firstInvalidUtf8(bytes)), 0), "",
                    "the file is not valid UTF-8 text; save it as UTF-8");
            return Optional.empty();
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return Optional.of(text);
    }

    /**
     * Where the nesting first passes {@link #MAX_DEPTH}, found from the parser's event stream
     * (iterative) before the recursive composer could overflow the stack on it.
     */
    static Optional<Mark> firstTooDeep(LoadSettings settings, String text) {
        int depth = 0;
        for (Event event : new Parse(settings).parseString(text)) {
            if (event instanceof CollectionStartEvent) {
                if (++depth > MAX_DEPTH) {
                    return event.getStartMark();
                }
            } else if (event instanceof CollectionEndEvent) {
                depth--;
            }
        }
        return Optional.empty();
    }

    /** UTF-16 or UTF-32 (by byte-order mark, or by the NUL bytes of mostly-ASCII text), or null. */
    static String unicodeEncoding(byte[] b) {
        if (b.length >= 4 && ((b[0] == 0 && b[1] == 0 && b[2] == (byte) 0xFE && b[3] == (byte) 0xFF)
                || (b[0] == (byte) 0xFF && b[1] == (byte) 0xFE && b[2] == 0 && b[3] == 0))) {
            return "UTF-32";
        }
        if (b.length >= 2 && ((b[0] == (byte) 0xFE && b[1] == (byte) 0xFF) || (b[0] == (byte) 0xFF && b[1] == (byte) 0xFE))) {
            return "UTF-16";
        }
        int n = Math.min(b.length, 4096) & ~3;
        if (n < 8) {
            return null;
        }
        int[] zerosAt = new int[4];
        for (int i = 0; i < n; i++) {
            if (b[i] == 0) {
                zerosAt[i & 3]++;
            }
        }
        int quarter = n / 4;
        boolean everyOther = (zerosAt[0] + zerosAt[2] > 0.9 * n / 2 && zerosAt[1] + zerosAt[3] == 0)
                || (zerosAt[1] + zerosAt[3] > 0.9 * n / 2 && zerosAt[0] + zerosAt[2] == 0);
        boolean threeOfFour = (zerosAt[1] > 0.9 * quarter && zerosAt[2] > 0.9 * quarter && zerosAt[3] > 0.9 * quarter)
                || (zerosAt[0] > 0.9 * quarter && zerosAt[1] > 0.9 * quarter && zerosAt[2] > 0.9 * quarter);
        return threeOfFour ? "UTF-32" : everyOther ? "UTF-16" : null;
    }

    static Location location(String label, Optional<Mark> mark) {
        return mark.map(m -> new Location(label, m.getLine() + 1, m.getColumn() + 1)).orElse(new Location(label, 0, 0));
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Whether every byte is ASCII (one OR over the array, which the JIT vectorizes). */
    private static boolean ascii(byte[] bytes) {
        int all = 0;
        for (byte b : bytes) {
            all |= b;
        }
        return all >= 0;
    }

    /** Offset of the first byte that breaks UTF-8, for the line number of the message. */
    private static int firstInvalidUtf8(byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xff;
            int extra = b < 0x80 ? 0 : (b >> 5) == 0x6 ? 1 : (b >> 4) == 0xe ? 2 : (b >> 3) == 0x1e ? 3 : -1;
            if (extra < 0 || i + extra >= bytes.length + (extra == 0 ? 1 : 0)) {
                return i;
            }
            for (int k = 1; k <= extra; k++) {
                if (i + k >= bytes.length || (bytes[i + k] & 0xc0) != 0x80) {
                    return i;
                }
            }
            i += extra + 1;
        }
        return 0;
    }
}
