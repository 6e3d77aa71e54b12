package com.linkwithmentor.moderation;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;

/** Pictures drawn for the tests with Java2D: text on a plain card, and the policy's hash canary. */
public final class PictureFixtures {

    private PictureFixtures() {
    }

    /** Dark text on white, large enough for OCR: one line per argument. */
    public static BufferedImage text(String... lines) {
        // One size for up to three lines, so slides of a clip are all alike in size.
        BufferedImage image = new BufferedImage(1200, 120 + 90 * Math.max(3, lines.length), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 56));
            for (int i = 0; i < lines.length; i++) {
                g.drawString(lines[i], 40, 100 + 90 * i);
            }
        }
        finally {
            g.dispose();
        }
        return image;
    }

    /**
     * The synthetic test card whose PDQ hash the bundled policy lists as a canary (hashes.txt):
     * gradients, bars and rings, no text, drawn without antialiasing so every JVM draws the same.
     */
    public static BufferedImage canary() {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setPaint(new GradientPaint(0, 0, new Color(20, 40, 160), 640, 480, new Color(240, 200, 40)));
            g.fillRect(0, 0, 640, 480);
            Color[] bars = { Color.WHITE, Color.YELLOW, Color.CYAN, Color.GREEN, Color.MAGENTA, Color.RED, Color.BLUE };
            for (int i = 0; i < bars.length; i++) {
                g.setColor(bars[i]);
                g.fillRect(40 + i * 40, 40, 40, 180);
            }
            g.setStroke(new BasicStroke(14));
            for (int r = 30; r <= 150; r += 40) {
                g.setColor(r % 80 == 30 ? Color.BLACK : Color.WHITE);
                g.drawOval(470 - r, 300 - r, 2 * r, 2 * r);
            }
            g.setColor(Color.BLACK);
            g.fillRect(60, 300, 220, 120);
            g.setColor(Color.ORANGE);
            g.fillOval(100, 320, 140, 80);
        }
        finally {
            g.dispose();
        }
        return image;
    }

    public static byte[] png(BufferedImage image) {
        return encode(image, "png", 1f);
    }

    public static byte[] jpeg(BufferedImage image, float quality) {
        return encode(image, "jpeg", quality);
    }

    /** The picture at a different size, as a re-upload or a screenshot would give it. */
    public static BufferedImage resized(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, width, height, null);
        }
        finally {
            g.dispose();
        }
        return out;
    }

    private static byte[] encode(BufferedImage image, String format, float quality) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            if (format.equals("jpeg")) {
                Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
                ImageWriter writer = writers.next();
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
                try (var out = ImageIO.createImageOutputStream(bytes)) {
                    writer.setOutput(out);
                    writer.write(null, new IIOImage(image, null, null), param);
                }
                writer.dispose();
            }
            else {
                ImageIO.write(image, format, bytes);
            }
            return bytes.toByteArray();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
