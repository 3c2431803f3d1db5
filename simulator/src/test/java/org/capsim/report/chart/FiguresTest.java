package org.capsim.report.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.capsim.report.ReportFixture;
import org.capsim.report.data.ReportData;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.TableXYDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** The charts' content, checked through JFreeChart's own objects on the hand-made fixture (never pixels). */
class FiguresTest {

    @TempDir
    Path dir;

    private ReportData run() throws Exception {
        return ReportData.read(ReportFixture.write(dir.resolve("run"), false));
    }

    private ReportData compare() throws Exception {
        return ReportData.read(ReportFixture.write(dir.resolve("compare"), true));
    }

    private ReportData limited(boolean compare) throws Exception {
        return ReportData.read(ReportFixture.writeLimited(dir.resolve(compare ? "limited-compare" : "limited"), compare));
    }

    private static Figure figure(List<Figure> figures, String name) {
        return figures.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name));
    }

    private static List<String> names(XYDataset dataset) {
        List<String> out = new ArrayList<>();
        for (int s = 0; s < dataset.getSeriesCount(); s++) {
            out.add(dataset.getSeriesKey(s).toString());
        }
        return out;
    }

    private static double epochMillis(LocalDate date) {
        return date.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    @Test
    void aRunGetsTheSpecChartsAndACompareAddsThePolicyCharts() throws Exception {
        assertEquals(List.of("capacity", "utilization", "queues", "waits", "rofr", "providers"),
                Figures.of(run(), Figures.CapacityUnit.GPUS).stream().map(Figure::name).toList());
        assertEquals(List.of("policies", "differences", "capacity", "utilization", "queues", "waits", "rofr", "providers"),
                Figures.of(compare(), Figures.CapacityUnit.GPUS).stream().map(Figure::name).toList());
    }

    @Test
    void capacityStacksEachProviderInItsColourUnderTheDemandOnCalendarDates() throws Exception {
        ReportData data = run();
        Palette palette = Figures.palette(data);
        XYPlot plot = figure(Figures.of(data, Figures.CapacityUnit.GPUS), "capacity").panels().get(0).getXYPlot();
        TableXYDataset stacked = (TableXYDataset) plot.getDataset(1);
        assertEquals(List.of("X Cloud", "Y Cloud"), names(stacked));
        // y is built at 120 h: 200 GPUs stacked on x's 100 from then on
        assertEquals(100, stacked.getYValue(0, 130));
        assertEquals(200, stacked.getYValue(1, 130));
        assertEquals(0, stacked.getYValue(1, 100));
        assertEquals(rgb(palette.provider("x")), rgb((Color) plot.getRenderer(1).getSeriesPaint(0)));
        assertEquals(rgb(palette.provider("y")), rgb((Color) plot.getRenderer(1).getSeriesPaint(1)));
        assertEquals(List.of("demand"), names(plot.getDataset(0)));
        assertEquals(10, plot.getDataset(0).getYValue(0, 100), 1e-9);
        assertEquals("installed GPUs", plot.getRangeAxis().getLabel());
        DateAxis dates = assertInstanceOf(DateAxis.class, plot.getDomainAxis());
        assertTrue(dates.getRange().getLowerBound() >= epochMillis(LocalDate.of(2025, 1, 1)) - 3_600_000);
        assertTrue(dates.getRange().getUpperBound() <= epochMillis(LocalDate.of(2025, 1, 11)) + 3_600_000);
        // demand never dwarfs this fleet: one panel
        assertEquals(1, figure(Figures.of(data, Figures.CapacityUnit.GPUS), "capacity").panels().size());
    }

    /**
     * Where jobs.csv gives no job's demanded GPU-hours (a scenario that limits no demand), the
     * capacity chart's caption says what its demand line is made of instead.
     */
    @Test
    void capacitySaysHowDemandIsMeasuredWithoutDemandedGpuHours() throws Exception {
        String unlimited = figure(Figures.of(run(), Figures.CapacityUnit.GPUS), "capacity").caption();
        assertTrue(unlimited.contains("a job still waiting at the end counts from its arrival to the end"), unlimited);
        String limited = figure(Figures.of(limited(true), Figures.CapacityUnit.GPUS), "capacity").caption();
        assertFalse(limited.contains("limits no demand"), limited);
    }

    /** Demand far above the fleet: the axis stops at 3x the fleet's largest size and a note gives the true peak. */
    @Test
    void demandFarAboveTheFleetIsClippedWithItsPeakWrittenOut() throws Exception {
        Path folder = ReportFixture.write(dir.resolve("huge"), false);
        Path jobs = folder.resolve("jobs.csv");
        // the running job wants 4000 GPUs: 4004 wanted in replication 1, a mean of 2002, 6.7 times the 300 installed
        Files.writeString(jobs, Files.readString(jobs).replace("p,1,c2-1,c2,30,b,y,H100,refused,40,,10,16,",
                "p,1,c2-1,c2,30,b,y,H100,refused,40,,10,4000,"));
        Figure capacity = figure(Figures.of(ReportData.read(folder), Figures.CapacityUnit.GPUS), "capacity");
        assertEquals(1, capacity.panels().size());
        XYPlot plot = capacity.panels().get(0).getXYPlot();
        assertEquals(3 * 300, plot.getRangeAxis().getUpperBound(), 1e-9);
        assertEquals(2002, plot.getDataset(0).getYValue(0, 100), 1e-9); // the line keeps its values, drawn off the top
        assertEquals(1, plot.getAnnotations().size());
        XYTitleAnnotation note = assertInstanceOf(XYTitleAnnotation.class, plot.getAnnotations().get(0));
        String text = ((TextTitle) note.getTitle()).getText();
        assertTrue(text.contains("peaks at 7x the fleet's largest size (2K GPUs, 2025-01)"), text);
        assertTrue(capacity.caption().contains("above 3x the fleet"), capacity.caption());
        // the fixture as written stays on its own scale, with no note
        XYPlot plain = figure(Figures.of(run(), Figures.CapacityUnit.GPUS), "capacity").panels().get(0).getXYPlot();
        assertTrue(plain.getAnnotations().isEmpty());
        assertTrue(plain.getRangeAxis().isAutoRange());
    }

    @Test
    void servedAgainstUnservedGpuHoursPerQuarterAndClass() throws Exception {
        ReportData data = limited(false);
        List<Figure> figures = Figures.of(data, Figures.CapacityUnit.GPUS);
        assertEquals(List.of("capacity", "served", "utilization", "queues", "waits", "rofr", "providers"),
                figures.stream().map(Figure::name).toList());
        Figure served = figure(figures, "served");
        assertEquals(2, served.panels().size()); // one per class
        CategoryPlot c1 = served.panels().get(0).getCategoryPlot();
        assertEquals(List.of("served", "unserved"), c1.getDataset().getRowKeys());
        assertEquals(List.of("2025 Q1"), c1.getDataset().getColumnKeys());
        assertEquals(112.0, c1.getDataset().getValue("served", "2025 Q1").doubleValue(), 1e-12);
        assertEquals(40.0, c1.getDataset().getValue("unserved", "2025 Q1").doubleValue(), 1e-12);
        assertEquals(Palette.ACCEPTED, c1.getRenderer().getSeriesPaint(0));
        assertEquals(Palette.REFUSED, c1.getRenderer().getSeriesPaint(1));
        assertEquals("c1: unserved 26.0 ± 10.0 %", served.panels().get(0).getTitle().getText());
        assertEquals("c2", served.panels().get(1).getTitle().getText()); // summary.json gives c2 no share
        CategoryPlot c2 = served.panels().get(1).getCategoryPlot();
        assertEquals(240.0, c2.getDataset().getValue("unserved", "2025 Q1").doubleValue(), 1e-12);

        // comparing: per quarter a stacked bar per policy, in the policy's colour
        ReportData compared = limited(true);
        Palette palette = Figures.palette(compared);
        CategoryPlot both = figure(Figures.of(compared, Figures.CapacityUnit.GPUS), "served").panels().get(0)
                .getCategoryPlot();
        assertEquals(List.of("served - p", "unserved - p", "served - q", "unserved - q"), both.getDataset().getRowKeys());
        assertEquals(palette.policy("q"), both.getRenderer().getSeriesPaint(2));
        assertEquals(palette.policy("q").getRGB() & 0xFFFFFF, ((Color) both.getRenderer().getSeriesPaint(3)).getRGB() & 0xFFFFFF);
        assertTrue(((Color) both.getRenderer().getSeriesPaint(3)).getAlpha() < 255, "unserved is paler");

        // without demand_gpu_hours, no such chart
        assertTrue(Figures.of(run(), Figures.CapacityUnit.GPUS).stream().noneMatch(f -> f.name().equals("served")));
    }

    @Test
    void waitLegendsGiveTheAbandonedShareAndAPanelTheAbandonedJobsWaits() throws Exception {
        Figure waits = figure(Figures.of(limited(false), Figures.CapacityUnit.GPUS), "waits");
        assertEquals(3, waits.panels().size());
        assertEquals(List.of("X Cloud (25 % abandoned)", "Y Cloud (0 % abandoned)"),
                names(waits.panels().get(0).getXYPlot().getDataset()));
        assertEquals(List.of("c1 (25 % abandoned)", "c2 (0 % abandoned)"),
                names(waits.panels().get(1).getXYPlot().getDataset()));
        XYPlot abandoned = waits.panels().get(2).getXYPlot();
        assertEquals(List.of("c1"), names(abandoned.getDataset()));
        assertEquals(20, abandoned.getDataset().getXValue(0, 0), 1e-12); // the one abandoned job waited 20 h
        // its waits lie within one decade: the axis spans it whole (and a margin), so ticks at 10 and 100 h show
        assertEquals(10 / 1.5, abandoned.getDomainAxis().getLowerBound(), 1e-9);
        assertEquals(100 * 1.5, abandoned.getDomainAxis().getUpperBound(), 1e-9);
        assertTrue(waits.caption().contains("abandoned"));

        Figure compared = figure(Figures.of(limited(true), Figures.CapacityUnit.GPUS), "waits");
        assertEquals(List.of("p (14 % abandoned)", "q (29 % abandoned)"), // 1 and 2 of 7 jobs
                names(compared.panels().get(0).getXYPlot().getDataset()));
        assertEquals(List.of("p", "q"), names(compared.panels().get(3).getXYPlot().getDataset()));
        // no job abandoned: the legends and panels of before
        Figure plain = figure(Figures.of(run(), Figures.CapacityUnit.GPUS), "waits");
        assertEquals(2, plain.panels().size());
        assertTrue(!plain.caption().contains("abandoned"));
    }

    @Test
    void capacityInPflopsMultipliesByEachGpuTypesPeak() throws Exception {
        XYPlot plot = figure(Figures.of(run(), Figures.CapacityUnit.PFLOPS), "capacity").panels().get(0).getXYPlot();
        assertEquals(98.9, ((TableXYDataset) plot.getDataset(1)).getYValue(0, 10), 1e-9);
        assertEquals(9.89, plot.getDataset(0).getYValue(0, 100), 1e-9);
        assertTrue(plot.getRangeAxis().getLabel().contains("PFLOP/s"));
    }

    @Test
    void utilizationIsInPercentPerSiteColouredByItsProvider() throws Exception {
        ReportData data = run();
        Palette palette = Figures.palette(data);
        XYPlot plot = figure(Figures.of(data, Figures.CapacityUnit.GPUS), "utilization").panels().get(0).getXYPlot();
        assertEquals(List.of("a (X Cloud)", "b (Y Cloud)"), names(plot.getDataset()));
        assertEquals(25, plot.getDataset().getYValue(0, 10), 1e-9);
        assertEquals(0, plot.getRangeAxis().getLowerBound());
        assertEquals(105, plot.getRangeAxis().getUpperBound());
        assertEquals(palette.provider("y"), plot.getRenderer().getSeriesPaint(1));
        // undefined before site b has GPUs: its series starts at 120 h
        assertEquals(120, plot.getDataset().getItemCount(1));
    }

    @Test
    void comparingDrawsAPanelPerSiteWithALinePerPolicyInThePolicysColour() throws Exception {
        ReportData data = compare();
        Palette palette = Figures.palette(data);
        Figure utilization = figure(Figures.of(data, Figures.CapacityUnit.GPUS), "utilization");
        assertEquals(2, utilization.panels().size());
        XYPlot b = utilization.panels().get(1).getXYPlot();
        assertEquals(List.of("p", "q"), names(b.getDataset()));
        assertEquals(palette.policy("q"), b.getRenderer().getSeriesPaint(1));
        assertEquals(100, b.getDataset().getYValue(1, 0), 1e-9); // under q site b is always full

        XYPlot queues = figure(Figures.of(data, Figures.CapacityUnit.GPUS), "queues").panels().get(0).getXYPlot();
        assertEquals(List.of("p", "q"), names(queues.getDataset()));
    }

    @Test
    void waitDistributionsAreCdfsOnALogScaleByProviderAndClass() throws Exception {
        ReportData data = run();
        Figure waits = figure(Figures.of(data, Figures.CapacityUnit.GPUS), "waits");
        XYPlot providers = waits.panels().get(0).getXYPlot();
        assertInstanceOf(LogAxis.class, providers.getDomainAxis());
        assertEquals(List.of("X Cloud", "Y Cloud"), names(providers.getDataset()));
        XYDataset x = providers.getDataset();
        // x's waits are 0 and 2 h: half at the shortest drawn wait, all by 2 h
        assertEquals(WaitCharts.SHORTEST, x.getXValue(0, 0));
        assertEquals(50, x.getYValue(0, 0), 1e-9);
        assertEquals(100, x.getYValue(0, x.getItemCount(0) - 1), 1e-9);
        assertEquals(List.of("c1", "c2"), names(waits.panels().get(1).getXYPlot().getDataset()));
        // comparing, a first panel compares the policies
        Figure compared = figure(Figures.of(compare(), Figures.CapacityUnit.GPUS), "waits");
        assertEquals(List.of("p", "q"), names(compared.panels().get(0).getXYPlot().getDataset()));
        assertEquals(4, compared.panels().get(1).getXYPlot().getDataset().getSeriesCount()); // 2 providers x 2 policies
    }

    @Test
    void rofrOutcomesAreStackedPerQuarter() throws Exception {
        CategoryPlot plot = figure(Figures.of(run(), Figures.CapacityUnit.GPUS), "rofr").panels().get(0).getCategoryPlot();
        CategoryDataset dataset = plot.getDataset();
        assertEquals(List.of("accepted", "refused"), dataset.getRowKeys());
        assertEquals(List.of("2025 Q1"), dataset.getColumnKeys());
        assertEquals(1.0, dataset.getValue("accepted", "2025 Q1").doubleValue());
        assertEquals(0.5, dataset.getValue("refused", "2025 Q1").doubleValue());
        assertEquals(Palette.ACCEPTED, plot.getRenderer().getSeriesPaint(0));
    }

    @Test
    void providersShowSpendAndShareWithTheirIntervalsInTheProvidersColours() throws Exception {
        ReportData data = compare();
        Palette palette = Figures.palette(data);
        Figure providers = figure(Figures.of(data, Figures.CapacityUnit.GPUS), "providers");
        CategoryPlot share = providers.panels().get(1).getCategoryPlot();
        DefaultStatisticalCategoryDataset dataset = (DefaultStatisticalCategoryDataset) share.getDataset();
        assertEquals(List.of("X Cloud", "Y Cloud"), dataset.getRowKeys());
        assertEquals(List.of("p", "q"), dataset.getColumnKeys());
        assertEquals(80, dataset.getMeanValue("Y Cloud", "q").doubleValue(), 1e-9);
        assertEquals(5, dataset.getStdDevValue("Y Cloud", "q").doubleValue(), 1e-9); // the ci95, drawn as the error bar
        assertEquals(palette.provider("y"), share.getRenderer().getSeriesPaint(1));
    }

    @Test
    void comparisonChartsColourEachPolicyAndShowPairedDifferences() throws Exception {
        ReportData data = compare();
        Palette palette = Figures.palette(data);
        List<Figure> figures = Figures.of(data, Figures.CapacityUnit.GPUS);
        CategoryPlot wait = figure(figures, "policies").panels().get(0).getCategoryPlot();
        assertEquals(List.of("p", "q"), wait.getDataset().getColumnKeys());
        assertEquals(palette.policy("q"), wait.getRenderer().getItemPaint(0, 1));
        assertEquals(palette.policy("p"), wait.getRenderer().getItemPaint(0, 0));
        assertTrue(!palette.policy("p").equals(palette.policy("q")));
        assertEquals("mean wait (h)", wait.getRangeAxis().getLabel());

        CategoryPlot difference = figure(figures, "differences").panels().get(0).getCategoryPlot();
        DefaultStatisticalCategoryDataset d = (DefaultStatisticalCategoryDataset) difference.getDataset();
        assertEquals(-1.5, d.getMeanValue(0, 0).doubleValue());
        assertEquals(0.5, d.getStdDevValue(0, 0).doubleValue());
        assertEquals(1, difference.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND).size()); // the zero line
    }

    @Test
    void filesArePngAtTwiceTheSizeAndValidSvg() throws Exception {
        Figure figure = figure(Figures.of(run(), Figures.CapacityUnit.GPUS), "waits");
        Path out = Files.createDirectories(dir.resolve("charts"));
        String svg = FigureFiles.write(figure, out);
        BufferedImage png = ImageIO.read(out.resolve("waits.png").toFile());
        assertEquals(figure.width() * 2, png.getWidth());
        assertEquals(figure.height() * 2, png.getHeight());
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(out.resolve("waits.svg").toFile()).getDocumentElement();
        assertEquals("svg", root.getTagName());
        assertEquals(String.valueOf(figure.width()), root.getAttribute("width"));
        assertTrue(svg.contains("Waits by workload class"));
        // drawn twice, the same bytes: no clock in the ids
        assertEquals(svg, FigureFiles.svg(figure));
    }

    @Test
    void thePngFileHoldsTheDrawnPixelsExactly() throws Exception {
        Figure figure = figure(Figures.of(run(), Figures.CapacityUnit.GPUS), "capacity");
        Path out = Files.createDirectories(dir.resolve("charts"));
        FigureFiles.write(figure, out);
        BufferedImage drawn = FigureFiles.png(figure);
        BufferedImage read = ImageIO.read(out.resolve("capacity.png").toFile());
        int w = drawn.getWidth();
        int h = drawn.getHeight();
        assertEquals(w, read.getWidth());
        assertEquals(h, read.getHeight());
        assertArrayEquals(drawn.getRGB(0, 0, w, h, null, 0, w), read.getRGB(0, 0, w, h, null, 0, w));
    }

    @Test
    void svgCoordinatesHaveAtMostTwoDecimalsAndTransformsFour() throws Exception {
        String svg = FigureFiles.svg(figure(Figures.of(run(), Figures.CapacityUnit.GPUS), "capacity"));
        int longest = mostDecimals(svg, "d");
        assertEquals(2, longest, "the most decimals in a path"); // rounded, and not to whole pixels
        assertTrue(mostDecimals(svg, "transform") <= 4);
    }

    /** The most digits after a decimal point in any number of any {@code name='...'} attribute. */
    private static int mostDecimals(String svg, String name) {
        Matcher attribute = Pattern.compile(" " + name + "='([^']*)'").matcher(svg);
        int most = 0;
        while (attribute.find()) {
            Matcher number = Pattern.compile("\\.(\\d+)").matcher(attribute.group(1));
            while (number.find()) {
                most = Math.max(most, number.group(1).length());
            }
        }
        return most;
    }

    private static int rgb(Color color) {
        return color.getRGB() & 0xFFFFFF;
    }
}
