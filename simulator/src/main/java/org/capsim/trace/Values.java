package org.capsim.trace;

import java.time.DateTimeException;
import java.time.LocalDate;

/** Reading the values every format has: numbers, GPU counts, timestamps and sacct durations, without a String each. */
final class Values {

    /** The most GPUs one job may ask for (as a CSV trace's column). */
    static final long MAX_GPUS = 100_000_000L;
    /** What {@link #timestamp} and {@link #elapsed} return for text that is not one. */
    static final long BAD = Long.MIN_VALUE;

    private Values() {
    }

    /**
     * The number in {@code text} from {@code from} to {@code to} (spaces around it allowed), or NaN:
     * a whole number is read here, anything else as Double.parseDouble reads it.
     */
    static double number(CharSequence text, int from, int to) {
        while (from < to && text.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && text.charAt(to - 1) <= ' ') {
            to--;
        }
        if (from == to) {
            return Double.NaN;
        }
        int at = from;
        boolean negative = text.charAt(at) == '-';
        if (negative || text.charAt(at) == '+') {
            at++;
        }
        if (at < to && to - at <= 15) {
            long value = 0;
            int i = at;
            for (; i < to; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                value = value * 10 + (c - '0');
            }
            if (i == to) {
                return negative ? -value : value;
            }
        }
        try {
            double value = Double.parseDouble(text.subSequence(from, to).toString());
            return Double.isFinite(value) ? value : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static double number(String text) {
        return number(text, 0, text.length());
    }

    /** Whether {@code value} is a whole number of GPUs capsim can replay (1 to {@link #MAX_GPUS}). */
    static boolean wholeGpus(double value) {
        return value == Math.rint(value) && value >= 0 && value <= MAX_GPUS;
    }

    /** Why {@code value} is not a GPU count, for a message. */
    static String gpusRule() {
        return "expected a whole number of GPUs from 0 to " + MAX_GPUS;
    }

    /**
     * A date and time, {@code 2024-03-01T12:00:00} or {@code 2024-03-01 12:00:00}, with optional
     * fractional seconds (dropped) and an optional zone {@code Z}, {@code +08:00} or {@code +0800},
     * or whole seconds since 1970 as such tools also write them ({@code SLURM_TIME_FORMAT=%s}, a
     * cluster log's epoch column): seconds since 1970-01-01 UTC (a time without a zone is read as
     * UTC), or {@link #BAD}.
     */
    static long timestamp(CharSequence text, int from, int to) {
        while (from < to && text.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && text.charAt(to - 1) <= ' ') {
            to--;
        }
        long epoch = epochSeconds(text, from, to);
        if (epoch != BAD) {
            return epoch;
        }
        if (to - from < 19 || text.charAt(from + 4) != '-' || text.charAt(from + 7) != '-'
                || (text.charAt(from + 10) != 'T' && text.charAt(from + 10) != ' ')
                || text.charAt(from + 13) != ':' || text.charAt(from + 16) != ':') {
            return BAD;
        }
        int year = digits(text, from, 4);
        int month = digits(text, from + 5, 2);
        int day = digits(text, from + 8, 2);
        int hour = digits(text, from + 11, 2);
        int minute = digits(text, from + 14, 2);
        int second = digits(text, from + 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59) {
            return BAD;
        }
        int at = from + 19;
        if (at < to && text.charAt(at) == '.') {
            at++;
            int start = at;
            while (at < to && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
                at++;
            }
            if (at == start) {
                return BAD;
            }
        }
        long offset = 0;
        if (at < to && text.charAt(at) == 'Z') {
            at++;
        } else if (at < to && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
            int sign = text.charAt(at) == '-' ? -1 : 1;
            int hours = to - at >= 3 ? digits(text, at + 1, 2) : -1;
            int rest = at + 3 < to && text.charAt(at + 3) == ':' ? at + 4 : at + 3;
            int minutes = to - rest >= 2 ? digits(text, rest, 2) : -1;
            if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
                return BAD;
            }
            offset = sign * (hours * 3600L + minutes * 60L);
            at = rest + 2;
        }
        if (at != to) {
            return BAD;
        }
        long days;
        try {
            days = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return BAD;
        }
        return days * 86_400 + hour * 3600L + minute * 60L + second - offset;
    }

    static long timestamp(String text) {
        return timestamp(text, 0, text.length());
    }

    /** Up to 12 digits, with an optional fraction (dropped): seconds since 1970; else {@link #BAD}. */
    private static long epochSeconds(CharSequence text, int from, int to) {
        int at = from;
        long seconds = 0;
        while (at < to && at - from < 12 && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            seconds = seconds * 10 + (text.charAt(at++) - '0');
        }
        if (at == from) {
            return BAD;
        }
        if (at < to && text.charAt(at) == '.') {
            int fraction = ++at;
            while (at < to && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
                at++;
            }
            if (at == fraction) {
                return BAD;
            }
        }
        return at == to ? seconds : BAD;
    }

    /**
     * A Slurm duration, {@code [days-][hours:]minutes:seconds} with optional fractional seconds
     * (as sacct's Elapsed: {@code 1-02:03:04}, {@code 02:03:04}, {@code 03:04}): seconds, or {@link #BAD}.
     */
    static long elapsed(String text) {
        String t = text.trim();
        long days = 0;
        int dash = t.indexOf('-');
        if (dash >= 0) {
            days = digits(t, 0, dash);
            if (days < 0) {
                return BAD;
            }
            t = t.substring(dash + 1);
        }
        int dot = t.indexOf('.');
        if (dot >= 0) {
            if (dot == t.length() - 1 || digits(t, dot + 1, t.length() - dot - 1) < 0) {
                return BAD;
            }
            t = t.substring(0, dot);
        }
        String[] parts = t.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || dash >= 0 && parts.length != 3) {
            return BAD;
        }
        long seconds = 0;
        for (int i = 0; i < parts.length; i++) {
            int value = parts[i].length() == 0 || parts[i].length() > 2 ? -1 : digits(parts[i], 0, parts[i].length());
            if (value < 0 || (i > 0 || parts.length == 2) && value > 59) {
                return BAD;
            }
            seconds = seconds * 60 + value;
        }
        return days * 86_400 + seconds;
    }

    /** The {@code count} decimal digits at {@code from} as a number, or -1. */
    private static int digits(CharSequence text, int from, int count) {
        if (count <= 0 || count > 9 || from + count > text.length()) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
