package org.capsim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Jackson's syntax errors, told without the parser's "[Source: ...]" notes. */
class JsonSyntaxTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void aClosingMarkOfTheWrongKindIsToldWithItsPlace() {
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> MAPPER.readTree("[{\"jobid\": \"a\",\n \"attempts\": [}"));
        assertEquals("Unexpected close marker '}': expected ']'", JsonSyntax.problem(e));
        assertEquals(":2:15", JsonSyntax.where(e)); // the "}" where "]" belongs
    }

    @Test
    void anUnexpectedCharacterKeepsWhatJacksonSaysOfIt() {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> MAPPER.readTree("{not json"));
        String problem = JsonSyntax.problem(e);
        assertTrue(problem.startsWith("Unexpected character ('n'") && !problem.contains("Source"), problem);
        assertEquals(":1:2", JsonSyntax.where(e));
    }
}
