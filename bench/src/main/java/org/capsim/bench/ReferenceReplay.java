package org.capsim.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.capsim.report.CsvRecorder;
import org.capsim.report.Num;

/**
 * The bare reference for the replay benchmark: what a planner could write by hand for one pool
 * under strict FIFO gang scheduling, with no kernel, no routing, no statistics and no sites.csv:
 * read the trace into arrays, then one loop over arrivals and a binary heap of completions,
 * writing the same jobs.csv rows capsim writes for the scenario TraceGenerator makes. It is the
 * yardstick ("how fast could this be?"), and a smoke test checks it agrees with capsim.
 */
public final class ReferenceReplay {

    private ReferenceReplay() {
    }

    /** Replays {@code trace} (seconds) on {@code gpus} GPUs up to {@code horizonHours}; writes {@code jobsCsv}. */
    public static long run(Path trace, Path jobsCsv, int gpus, double horizonHours, double price) throws IOException {
        // ---- read: id, submit (s), gpus, duration (s), already in submit order ----
        int n = 0;
        String[] ids = new String[1 << 16];
        double[] arrival = new double[ids.length];
        double[] hours = new double[ids.length];
        int[] size = new int[ids.length];
        try (BufferedReader in = Files.newBufferedReader(trace, StandardCharsets.UTF_8)) {
            in.readLine(); // header: id,submit,gpus,duration
            String line;
            while ((line = in.readLine()) != null) {
                if (n == ids.length) {
                    ids = Arrays.copyOf(ids, n * 2);
                    arrival = Arrays.copyOf(arrival, n * 2);
                    hours = Arrays.copyOf(hours, n * 2);
                    size = Arrays.copyOf(size, n * 2);
                }
                int a = line.indexOf(',');
                int b = line.indexOf(',', a + 1);
                int c = line.indexOf(',', b + 1);
                ids[n] = line.substring(0, a);
                arrival[n] = Double.parseDouble(line.substring(a + 1, b)) / 3600.0;
                size[n] = Integer.parseInt(line.substring(b + 1, c));
                hours[n] = Double.parseDouble(line.substring(c + 1)) / 3600.0;
                n++;
            }
        }
        // ---- simulate: FIFO queue (a ring of indices) and a heap of running jobs by end time ----
        double[] start = new double[n];
        Arrays.fill(start, Double.NaN);
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        int[] heap = new int[n];
        double[] end = new double[n];
        int running = 0;
        int free = gpus;
        int next = 0;
        StringBuilder row = new StringBuilder(256);
        try (BufferedWriter out = Files.newBufferedWriter(jobsCsv, StandardCharsets.UTF_8)) {
            out.write(CsvRecorder.JOBS_HEADER + "\n");
            while (true) {
                double arrive = next < n ? arrival[next] : Double.POSITIVE_INFINITY;
                double finish = running > 0 ? end[heap[0]] : Double.POSITIVE_INFINITY;
                double now = Math.min(arrive, finish);
                if (now > horizonHours || now == Double.POSITIVE_INFINITY) {
                    break;
                }
                if (finish <= arrive) { // a completion frees GPUs; its row is written now, as capsim does
                    int j = heap[0];
                    heap[0] = heap[--running];
                    siftDown(heap, end, running, 0);
                    free += size[j];
                    write(out, row, ids[j], arrival[j], start[j], end[j], size[j], price, "completed", horizonHours);
                } else {
                    queue[tail++] = next++;
                }
                while (head < tail && size[queue[head]] <= free) { // strict FIFO: the head blocks the rest
                    int j = queue[head++];
                    start[j] = now;
                    end[j] = now + hours[j];
                    free -= size[j];
                    heap[running] = j;
                    siftUp(heap, end, running++);
                }
            }
            // ---- the horizon: running jobs, then those still queued ----
            int[] stillRunning = Arrays.copyOf(heap, running);
            for (int j : stillRunning) {
                write(out, row, ids[j], arrival[j], start[j], Double.NaN, size[j], price, "running", horizonHours);
            }
            for (int k = head; k < tail; k++) {
                int j = queue[k];
                write(out, row, ids[j], arrival[j], Double.NaN, Double.NaN, size[j], price, "waiting", horizonHours);
            }
        }
        return n;
    }

    private static void write(BufferedWriter out, StringBuilder r, String id, double arrival, double start, double end,
            int gpus, double price, String status, double horizon) throws IOException {
        boolean started = !Double.isNaN(start);
        double held = started ? (Double.isNaN(end) ? horizon : end) - start : Double.NaN;
        double gpuHours = started ? gpus * held : 0;
        r.setLength(0);
        r.append("earliest-start,1,").append(id).append(",replay,");
        Num.append(r, arrival);
        r.append(",s,lab,H100,,");
        Num.append(r, start);
        r.append(',');
        Num.append(r, end);
        r.append(',');
        Num.append(r, started ? start - arrival : Double.NaN);
        r.append(',').append(gpus).append(',');
        Num.append(r, gpuHours);
        r.append(',');
        Num.append(r, gpuHours * price);
        r.append(",0,").append(status).append(',');
        Num.append(r, held);
        r.append(",,,,\n");
        out.append(r);
    }

    private static void siftUp(int[] heap, double[] key, int i) {
        int item = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (key[heap[parent]] <= key[item]) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = item;
    }

    private static void siftDown(int[] heap, double[] key, int size, int i) {
        int item = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && key[heap[child + 1]] < key[heap[child]]) {
                child++;
            }
            if (key[item] <= key[heap[child]]) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = item;
    }

    /** {@code ReferenceReplay TRACE JOBS_CSV GPUS HORIZON_HOURS PRICE} */
    public static void main(String[] args) throws IOException {
        long jobs = run(Path.of(args[0]), Path.of(args[1]), Integer.parseInt(args[2]), Double.parseDouble(args[3]),
                Double.parseDouble(args[4]));
        System.out.println(jobs + " jobs");
    }
}
