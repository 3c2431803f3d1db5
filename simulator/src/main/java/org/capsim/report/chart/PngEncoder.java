package org.capsim.report.chart;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes an RGB image as a PNG file (8-bit truecolor, no alpha, no interlace). ImageIO's writer
 * reads the image a pixel at a time through the raster's sample model and took about 60 % of
 * the time of drawing the charts; this one reads the image's own int array, a row at a time.
 *
 * <p>Every row is filtered with PNG's "Up" filter (each byte less the one above it), in one pass
 * over the image's ints: a chart is mostly rows like the row above, which the filter turns into
 * zeros, and deflate's fastest level packs those runs. Choosing the better of "Up" and "Sub" per
 * row, as encoders often do, made files about a tenth smaller but took most of the encoding time
 * (this code runs a few times per run, mostly before the JIT has compiled it).
 */
final class PngEncoder {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int FILTER_UP = 2;

    private PngEncoder() {
    }

    /** Writes {@code image} (of type {@link BufferedImage#TYPE_INT_RGB}) to {@code out} as a PNG. */
    static void write(BufferedImage image, OutputStream out) throws IOException {
        if (image.getType() != BufferedImage.TYPE_INT_RGB) {
            throw new IllegalArgumentException("PngEncoder writes TYPE_INT_RGB images, not type " + image.getType());
        }
        int width = image.getWidth();
        int height = image.getHeight();
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        out.write(SIGNATURE);
        ByteArrayOutputStream header = new ByteArrayOutputStream(13);
        writeInt(header, width);
        writeInt(header, height);
        header.write(8); // bits per sample
        header.write(2); // colour type: RGB
        header.write(0); // deflate
        header.write(0); // adaptive filtering
        header.write(0); // no interlace
        chunk(out, "IHDR", header.toByteArray(), header.size());

        ByteArrayOutputStream compressed = new ByteArrayOutputStream(width * height / 4);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DeflaterOutputStream zip = new DeflaterOutputStream(compressed, deflater, 1 << 16)) {
            byte[] row = new byte[1 + 3 * width];
            row[0] = FILTER_UP;
            for (int y = 0; y < height; y++) {
                if (y == 0) {
                    firstRow(pixels, width, row);
                } else {
                    filterUp(pixels, y * width, (y - 1) * width, width, row);
                }
                zip.write(row);
            }
        } finally {
            deflater.end();
        }
        chunk(out, "IDAT", compressed.toByteArray(), compressed.size());
        chunk(out, "IEND", new byte[0], 0);
    }

    /**
     * Writes the pixels of the row from {@code base} into {@code row} from index 1, "Up"-filtered
     * against the row from {@code above}. A method of its own, small and without branches, for
     * the JIT: compiled inside {@link #write}, with the deflater's stream inlined around it, this
     * loop cost the optimizing compiler 150-230 ms per run; with a test for the first row inside
     * it, its compiled form was thrown away at the next image's first row (a failed loop
     * predicate) and the loop ran interpreted for a third of a second until compiled again.
     */
    private static void filterUp(int[] pixels, int base, int above, int width, byte[] row) {
        for (int x = 0, i = 1; x < width; x++, i += 3) {
            int rgb = pixels[base + x];
            int up = pixels[above + x];
            // each byte less the byte above, modulo 256 (the low 8 bits of the difference)
            row[i] = (byte) ((rgb >>> 16) - (up >>> 16));
            row[i + 1] = (byte) ((rgb >>> 8) - (up >>> 8));
            row[i + 2] = (byte) (rgb - up);
        }
    }

    /** The first row: "Up" against the zeros above it, that is the pixels' bytes themselves. */
    private static void firstRow(int[] pixels, int width, byte[] row) {
        for (int x = 0, i = 1; x < width; x++, i += 3) {
            int rgb = pixels[x];
            row[i] = (byte) (rgb >>> 16);
            row[i + 1] = (byte) (rgb >>> 8);
            row[i + 2] = (byte) rgb;
        }
    }

    private static void chunk(OutputStream out, String type, byte[] data, int length) throws IOException {
        writeInt(out, length);
        byte[] name = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.write(name);
        out.write(data, 0, length);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data, 0, length);
        writeInt(out, (int) crc.getValue());
    }

    private static void writeInt(OutputStream out, int value) throws IOException {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }
}
