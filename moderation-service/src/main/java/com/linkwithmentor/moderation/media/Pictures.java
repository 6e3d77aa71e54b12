package com.linkwithmentor.moderation.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.jspecify.annotations.Nullable;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;

/**
 * Decodes pictures sent for analysis with ImageIO (PNG and JPEG from the JDK, WebP from
 * TwelveMonkeys), trusting the bytes rather than any name or declared type: the format is sniffed
 * from the file's signature, and anything that is not PNG, JPEG or WebP is refused with a 415
 * before a decoder sees it. A picture that claims to be one of them but does not decode is a 422,
 * and so is one with more pixels than {@code maxPixels} (a small file can declare a huge canvas).
 * Large pictures are read subsampled to about 2 048 pixels on the long side: every check here
 * works on far fewer, and memory stays bounded.
 */
public final class Pictures {

    /** The formats accepted, by the name ImageIO's readers answer to. */
    public enum Format {
        PNG, JPEG, WEBP
    }

    private static final int READ_LONG_SIDE = 2048;

    private final long maxPixels;

    public Pictures(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /** The format from the first bytes, or null when they are none of the accepted ones. */
    public static @Nullable Format sniff(byte[] bytes) {
        if (bytes.length >= 8 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G'
                && bytes[4] == 0x0D && bytes[5] == 0x0A && bytes[6] == 0x1A && bytes[7] == 0x0A) {
            return Format.PNG;
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return Format.JPEG;
        }
        if (bytes.length >= 12 && bytes[0] == 'R' && bytes[1] == 'I' && bytes[2] == 'F' && bytes[3] == 'F'
                && bytes[8] == 'W' && bytes[9] == 'E' && bytes[10] == 'B' && bytes[11] == 'P') {
            return Format.WEBP;
        }
        return null;
    }

    /** A decoded picture and the size it declared (before any subsampling). */
    public record Picture(Format format, BufferedImage image, int width, int height) {
    }

    public Picture decode(byte[] bytes) {
        Format format = sniff(bytes);
        if (format == null) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "image_base64 is not a PNG, JPEG or WebP picture (judged by its bytes)",
                    Map.of("field", "image_base64", "accepted", "image/png, image/jpeg, image/webp"));
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.name().toLowerCase(Locale.ROOT));
            if (in == null || !readers.hasNext()) {
                throw undecodable(format, "no decoder for it here");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw undecodable(format, "it declares no size");
                }
                if ((long) width * height > maxPixels) {
                    throw new ApiException(ErrorCode.UNPROCESSABLE, "The picture is " + width + " x " + height
                            + " pixels; at most " + maxPixels / 1_000_000 + " megapixels are analysed",
                            Map.of("field", "image_base64", "max_pixels", maxPixels));
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, (int) Math.ceil(Math.max(width, height) / (double) READ_LONG_SIDE));
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                BufferedImage image = reader.read(0, param);
                return new Picture(format, image, width, height);
            }
            finally {
                reader.dispose();
            }
        }
        catch (IOException | RuntimeException ex) {
            if (ex instanceof ApiException api) {
                throw api;
            }
            throw undecodable(format, ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName());
        }
    }

    private static ApiException undecodable(Format format, String why) {
        return new ApiException(ErrorCode.UNPROCESSABLE,
                "image_base64 starts like a " + format.name() + " picture but does not decode: " + why,
                Map.of("field", "image_base64"));
    }
}
