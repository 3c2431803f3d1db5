package org.capsim.report.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/** Our PNG writer, checked by the JDK's PNG reader: every pixel comes back as drawn. */
class PngEncoderTest {

    @Test
    void aDrawnImageReadsBackPixelForPixel() throws IOException {
        BufferedImage image = new BufferedImage(613, 257, BufferedImage.TYPE_INT_RGB); // odd sizes on purpose
        Graphics2D g2 = image.createGraphics();
        g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g2.setColor(Color.WHITE);
        g2.fillRect(0, 0, 613, 257);
        g2.setColor(new Color(31, 119, 180));
        g2.fillPolygon(new int[] {0, 300, 612, 612, 0}, new int[] {200, 40, 120, 256, 256}, 5);
        g2.setColor(Color.BLACK);
        g2.setStroke(new BasicStroke(2.5f));
        g2.drawLine(0, 0, 612, 256);
        g2.drawString("capsim 0123456789", 20, 30);
        g2.dispose();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2_000; i++) { // noise, where neither filter helps
            image.setRGB(random.nextInt(613), random.nextInt(257), random.nextInt(1 << 24));
        }
        assertSameAfterRoundTrip(image);
    }

    @Test
    void tinyAndOneColourImagesToo() throws IOException {
        assertSameAfterRoundTrip(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB));
        BufferedImage flat = new BufferedImage(40, 3, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 40; x++) {
            for (int y = 0; y < 3; y++) {
                flat.setRGB(x, y, 0xfedcba);
            }
        }
        assertSameAfterRoundTrip(flat);
    }

    @Test
    void otherImageTypesAreRefused() {
        BufferedImage argb = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        assertThrows(IllegalArgumentException.class, () -> PngEncoder.write(argb, new ByteArrayOutputStream()));
    }

    private static void assertSameAfterRoundTrip(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PngEncoder.write(image, out);
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(image.getWidth(), read.getWidth());
        assertEquals(image.getHeight(), read.getHeight());
        int w = image.getWidth();
        int h = image.getHeight();
        assertArrayEquals(image.getRGB(0, 0, w, h, null, 0, w), read.getRGB(0, 0, w, h, null, 0, w));
    }
}
