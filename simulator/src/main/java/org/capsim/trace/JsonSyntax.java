package org.capsim.trace;

import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/** Jackson's syntax errors in a planner's words: where, and what, without the parser's own notes. */
public final class JsonSyntax {

    /** "(for Array starting at [Source: REDACTED ...; line: 1, column: 2])" and the like. */
    private static final Pattern SOURCE = Pattern.compile("\\s*\\((?:for [^()]*)?\\[Source:[^\\]]*\\]\\)|\\s*(?:at )?\\[Source:[^\\]]*\\]");

    private JsonSyntax() {
    }

    /** What is wrong, e.g. "Unexpected close marker '}': expected ']'". */
    public static String problem(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        return message == null ? "not valid JSON" : SOURCE.matcher(message).replaceAll("").strip();
    }

    /** ":LINE:COLUMN" of the error, to follow a file name; empty where Jackson does not know it. */
    public static String where(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr() + (at.getColumnNr() > 0 ? ":" + at.getColumnNr() : "");
    }
}
