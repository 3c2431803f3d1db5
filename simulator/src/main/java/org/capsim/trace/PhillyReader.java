package org.capsim.trace;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;

/**
 * Microsoft Philly's raw {@code cluster_job_log} (msr-fiddle/philly-traces): a JSON array of jobs,
 * each with {@code jobid}, {@code submitted_time} ({@code 2017-10-07 01:11:39}) and {@code
 * attempts}, each attempt with {@code start_time}, {@code end_time} and {@code detail}: the servers
 * it ran on and their {@code gpus}. Read as the Pollux artifact derived its CSV: the run time is
 * the sum of the attempts' run times (retries' gaps left out), the GPUs those of the largest
 * attempt. An attempt without an end (a logging gap, or a job still running when the log was
 * taken: {@code null} or {@code "None"}) adds nothing. Parsed as a stream (jackson-core): a
 * multi-gigabyte log is never held whole.
 */
final class PhillyReader implements FormatReader {

    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public void read(InputStream in, JobSink sink) throws IOException {
        try (JsonParser json = JSON.createParser(in)) {
            JsonToken first = json.nextToken();
            if (first == null) {
                sink.problem(0, "", "the file is empty; expected a JSON array of jobs");
                return;
            }
            if (first != JsonToken.START_ARRAY) {
                sink.problem(line(json), "", "expected a JSON array of jobs ([ {\"jobid\": ...}, ... ]), found "
                        + json.getText());
                return;
            }
            for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
                if (token != JsonToken.START_OBJECT) {
                    sink.problem(line(json), "", "expected a job (a JSON object), found " + json.getText());
                    json.skipChildren();
                    continue;
                }
                job(json, sink);
            }
        } catch (JsonEOFException e) {
            sink.problem(e.getLocation() == null ? 0 : e.getLocation().getLineNr(), "",
                    "the JSON ends before the array of jobs is closed");
        } catch (JsonParseException e) {
            sink.problem(e.getLocation() == null ? 0 : e.getLocation().getLineNr(), "",
                    "not valid JSON: " + JsonSyntax.problem(e));
        }
    }

    /** One job object, the parser on its START_OBJECT. */
    private static void job(JsonParser json, JobSink sink) throws IOException {
        long n = line(json);
        String id = null;
        String submitted = null;
        Attempts attempts = new Attempts();
        boolean ok = true;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String key = json.getCurrentName();
            JsonToken value = json.nextToken();
            switch (key) {
                case "jobid" -> id = text(json, value);
                case "submitted_time" -> submitted = text(json, value);
                case "attempts" -> ok &= attempts.read(json, value, sink);
                default -> json.skipChildren();
            }
        }
        if (id == null || id.isBlank()) {
            sink.problem(n, "key 'jobid'", "missing or empty; every job needs an id");
            ok = false;
        }
        long submit = submitted == null ? Values.BAD : Values.timestamp(submitted);
        if (submit == Values.BAD) {
            sink.problem(n, "key 'submitted_time'", submitted == null ? "missing; every job needs one"
                    : "is '" + submitted + "'; expected a time such as 2017-10-07 01:11:39");
            ok = false;
        }
        if (!ok) {
            return;
        }
        sink.row(n, id, submit, Math.min(attempts.gpus, Values.MAX_GPUS), attempts.seconds);
    }

    /** A scalar's text, or null for JSON null or a list or object (skipped). */
    private static String text(JsonParser json, JsonToken value) throws IOException {
        if (!value.isScalarValue()) {
            json.skipChildren();
            return null;
        }
        return value == JsonToken.VALUE_NULL ? null : json.getText();
    }

    private static long line(JsonParser json) {
        return json.getTokenLocation().getLineNr();
    }

    /** A job's attempts: their run time in all, and the GPUs of the largest. */
    private static final class Attempts {
        long seconds;
        long gpus;

        /** Reads the {@code attempts} value; false after a problem. */
        boolean read(JsonParser json, JsonToken value, JobSink sink) throws IOException {
            if (value == JsonToken.VALUE_NULL) {
                return true;
            }
            if (value != JsonToken.START_ARRAY) {
                sink.problem(line(json), "key 'attempts'", "expected a list of attempts, found " + json.getText());
                json.skipChildren();
                return false;
            }
            boolean ok = true;
            while (json.nextToken() == JsonToken.START_OBJECT) {
                ok &= attempt(json, sink);
            }
            if (json.currentToken() != JsonToken.END_ARRAY) {
                sink.problem(line(json), "key 'attempts'", "expected attempts (JSON objects), found " + json.getText());
                json.skipChildren();
                return false;
            }
            return ok;
        }

        private boolean attempt(JsonParser json, JobSink sink) throws IOException {
            long n = line(json);
            String start = null;
            String end = null;
            long used = 0;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String key = json.getCurrentName();
                JsonToken value = json.nextToken();
                switch (key) {
                    case "start_time" -> start = time(json, value);
                    case "end_time" -> end = time(json, value);
                    case "detail" -> used = detail(json, value);
                    default -> json.skipChildren();
                }
            }
            gpus = Math.max(gpus, used);
            if (start == null || end == null) {
                return true;
            }
            long from = Values.timestamp(start);
            long to = Values.timestamp(end);
            if (from == Values.BAD || to == Values.BAD) {
                sink.problem(n, from == Values.BAD ? "key 'start_time'" : "key 'end_time'", "is '"
                        + (from == Values.BAD ? start : end) + "'; expected a time such as 2017-10-07 01:12:09, or null");
                return false;
            }
            seconds += Math.max(0, to - from);
            return true;
        }

        /** A time's text, or null where the log has none (null, "None" or empty). */
        private static String time(JsonParser json, JsonToken value) throws IOException {
            if (!value.isScalarValue()) {
                json.skipChildren();
                return "";
            }
            String text = value == JsonToken.VALUE_NULL ? null : json.getText();
            return text == null || text.isBlank() || text.equals("None") ? null : text;
        }

        /** The GPUs on every server of an attempt's {@code detail}. */
        private static long detail(JsonParser json, JsonToken value) throws IOException {
            if (value != JsonToken.START_ARRAY) {
                json.skipChildren();
                return 0;
            }
            long count = 0;
            while (json.nextToken() == JsonToken.START_OBJECT) {
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String key = json.getCurrentName();
                    JsonToken inner = json.nextToken();
                    if (key.equals("gpus") && inner == JsonToken.START_ARRAY) {
                        while (json.nextToken() != JsonToken.END_ARRAY) {
                            json.skipChildren();
                            count++;
                        }
                    } else {
                        json.skipChildren();
                    }
                }
            }
            return count;
        }
    }
}
