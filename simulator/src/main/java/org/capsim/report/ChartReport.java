package org.capsim.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

import org.capsim.report.chart.Figure;
import org.capsim.report.chart.FigureFiles;
import org.capsim.report.chart.Figures;
import org.capsim.report.data.ReportData;
import org.capsim.report.data.SweepData;

/**
 * Draws a report folder's charts (charts/*.png and *.svg) and writes its index.html, from the
 * folder's own summary.json, jobs.csv and sites.csv (and sweep.csv at the top of a sweep). The
 * same code serves {@code run}, {@code compare} and {@code capsim report DIR}; a run hands over
 * the series it gathered while writing the CSV files ({@link org.capsim.report.data.ChartFeed}),
 * the same values the files hold, so it need not read them back.
 *
 * <p>The new charts folder and page are written beside the old ones and swapped in at the end,
 * so a failure leaves the previous charts and page as they were.
 */
public final class ChartReport {

    /** What a rebuild wrote. */
    public record Written(int figures, int pages) {
        Written plus(Written other) {
            return new Written(figures + other.figures, pages + other.pages);
        }
    }

    private ChartReport() {
    }

    /**
     * Writes charts and index.html of a report folder, or of every point and the top of a sweep
     * folder (one holding sweep.csv).
     *
     * @param charts false to write index.html alone (tables, no charts), without reading the CSV files
     */
    public static Written write(Path dir, Figures.CapacityUnit unit, boolean charts) throws IOException, ReportFormatException {
        return write(dir, unit, charts, folder -> null);
    }

    /**
     * As {@link #write(Path, Figures.CapacityUnit, boolean)}, with the data of report folders the
     * run gathered as it wrote their files ({@link ReportData#read} of the folder otherwise).
     *
     * @param gathered a report folder's data, or null to read the folder; data without series
     *                 ({@link ReportData#summaryOnly}) serves a page without charts
     */
    public static Written write(Path dir, Figures.CapacityUnit unit, boolean charts, Function<Path, ReportData> gathered)
            throws IOException, ReportFormatException {
        if (SensitivityFiles.isStudy(dir)) {
            return writeSensitivity(dir, charts);
        }
        if (!Files.isRegularFile(dir.resolve("sweep.csv"))) {
            return writeOne(dir, unit, charts, gathered);
        }
        SweepData sweep = SweepData.read(dir.resolve("sweep.csv"));
        Written written = new Written(0, 0);
        for (String folder : sweep.folders()) {
            Path point = dir.resolve(folder);
            if (!Files.isDirectory(point)) {
                throw new ReportFormatException(dir.resolve("sweep.csv") + ": names the point folder " + folder
                        + ", which is missing");
            }
            written = written.plus(writeOne(point, unit, charts, gathered));
        }
        return written.plus(writeSweepTop(dir, sweep, charts));
    }

    private static Written writeOne(Path dir, Figures.CapacityUnit unit, boolean charts,
            Function<Path, ReportData> gathered) throws IOException, ReportFormatException {
        if (!Files.isRegularFile(dir.resolve("summary.json"))) {
            throw new ReportFormatException(dir + ": not a capsim report folder (no summary.json)");
        }
        ReportData data = gathered.apply(dir);
        // scenarios compared as arms write figures only: their charts are the comparison's
        boolean series = Files.isRegularFile(dir.resolve("jobs.csv")) || Files.isRegularFile(dir.resolve("sites.csv"));
        if (data == null || charts && data.fleet().isEmpty()) {
            data = charts && series ? ReportData.read(dir) : ReportData.summaryOnly(dir);
        }
        List<Figure> figures = !charts ? List.of() : series ? Figures.of(data, unit) : Figures.ofSummary(data);
        List<IndexPage.Chart> drawn = draw(dir, figures);
        String yaml = readIfPresent(dir.resolve("scenario.yaml"));
        replace(dir.resolve("index.html"), IndexPage.render(data, drawn, yaml, charts));
        return new Written(figures.size(), 1);
    }

    private static Written writeSweepTop(Path dir, SweepData sweep, boolean charts) throws IOException, ReportFormatException {
        Path first = dir.resolve(sweep.folders().get(0)).resolve("summary.json");
        SummaryJson.Header header = SummaryJson.read(first).header();
        List<Figure> figures = charts ? Figures.ofSweep(sweep) : List.of();
        List<IndexPage.Chart> drawn = draw(dir, figures);
        replace(dir.resolve("index.html"), IndexPage.renderSweep(header.name(), header.description(), sweep, drawn));
        return new Written(figures.size(), 1);
    }

    /** The tornado charts and page of a sensitivity study, from its summary.json. */
    private static Written writeSensitivity(Path dir, boolean charts) throws IOException, ReportFormatException {
        SensitivityFiles.Document study = SensitivityFiles.read(dir);
        List<Figure> figures = charts ? Figures.ofSensitivity(study.study(), study.screening()) : List.of();
        List<IndexPage.Chart> drawn = draw(dir, figures);
        replace(dir.resolve("index.html"), IndexPage.renderSensitivity(study, drawn));
        return new Written(figures.size(), 1);
    }

    /**
     * Draws the figures into a new charts folder beside the old, on two threads (PNG rasterizing
     * is the slow part), then swaps it in. With no figures, an old charts folder is removed: the
     * page must not point at charts of another run.
     */
    private static List<IndexPage.Chart> draw(Path dir, List<Figure> figures) throws IOException, ReportFormatException {
        Path target = dir.resolve("charts");
        if (figures.isEmpty()) {
            ReportFolder.deleteTree(target);
            return List.of();
        }
        Path fresh = ReportFolder.createFresh(dir, ".charts.tmp-");
        boolean done = false;
        ExecutorService pool = Background.pool("capsim-charts", Math.min(2, figures.size()));
        try {
            List<Future<String>> svgs = new ArrayList<>();
            for (Figure figure : figures) {
                svgs.add(pool.submit(() -> FigureFiles.write(figure, fresh)));
            }
            List<IndexPage.Chart> drawn = new ArrayList<>();
            for (int i = 0; i < figures.size(); i++) {
                Figure f = figures.get(i);
                drawn.add(new IndexPage.Chart(f.name(), f.title(), f.caption(), Background.join(svgs.get(i))));
            }
            Path old = dir.resolve(".charts.old-" + Long.toHexString(System.nanoTime()));
            if (Files.exists(target)) {
                Files.move(target, old);
            }
            move(fresh, target);
            ReportFolder.deleteTree(old);
            done = true;
            return drawn;
        } finally {
            pool.shutdownNow();
            if (!done) {
                ReportFolder.deleteTree(fresh);
            }
        }
    }

    /** Writes a file through a temporary sibling, so a reader never sees half of it. */
    private static void replace(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static String readIfPresent(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
