package org.capsim.report.chart;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/** Writes a figure as PNG (at twice its size, sharp on high-density screens) and as SVG. */
public final class FigureFiles {

    /** PNG pixels per CSS pixel. */
    public static final int PNG_SCALE = 2;

    private FigureFiles() {
    }

    /** Writes {@code name.png} and {@code name.svg} into {@code dir}; returns the SVG's text. */
    public static String write(Figure figure, Path dir) throws IOException {
        String svg = svg(figure);
        Files.writeString(dir.resolve(figure.name() + ".svg"), svg, StandardCharsets.UTF_8);
        // to a File, ImageIO writes straight to it (to a stream, it would buffer through a temp file)
        if (!ImageIO.write(png(figure), "png", dir.resolve(figure.name() + ".png").toFile())) {
            throw new IOException("this Java runtime has no PNG writer");
        }
        return svg;
    }

    /** The figure as a standalone SVG document. */
    public static String svg(Figure figure) {
        SVGGraphics2D g2 = new SVGGraphics2D(figure.width(), figure.height());
        // the default prefix is the clock: a fixed one keeps the files identical run to run, and
        // a per-figure one keeps ids unique when several SVGs share a page
        g2.setDefsKeyPrefix("capsim-" + figure.name() + "-");
        // JFreeSVG's own rounding (its default writes every digit): 2 decimals for coordinates,
        // 4 for transforms; a converter per document, as DecimalFormat is not thread-safe
        g2.setGeomDoubleConverter(SVGUtils.createDoubleConverter(2));
        g2.setTransformDoubleConverter(SVGUtils.createDoubleConverter(4));
        figure.draw(g2);
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + g2.getSVGElement() + "\n";
    }

    /** The figure as an image at {@link #PNG_SCALE} times its size. */
    public static BufferedImage png(Figure figure) {
        BufferedImage image = new BufferedImage(figure.width() * PNG_SCALE, figure.height() * PNG_SCALE,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = image.createGraphics();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g2.scale(PNG_SCALE, PNG_SCALE);
            figure.draw(g2);
        } finally {
            g2.dispose();
        }
        return image;
    }
}
