package com.linkwithmentor.moderation.media;

import java.awt.image.BufferedImage;

/**
 * The PDQ perceptual hash (Meta's open algorithm for sharing hashes of known-bad pictures), written
 * from its published description: luminance; a blur by two passes of box filters in each direction
 * whose window is 1/128 of the dimension (a tent filter over each 1/64 block); 64 × 64 samples at
 * block centres; the 16 × 16 lowest frequencies of its two-dimensional DCT, leaving out the
 * constant term; one bit per frequency, set when the coefficient is above their median. Two
 * pictures that look alike (resized, recompressed, lightly edited) differ in few of the 256 bits;
 * unrelated ones in about half.
 *
 * <p>Bits are numbered as in the reference: bit {@code 16 i + j} is frequency (i + 1, j + 1), and
 * the hex form prints the 16-bit words from the highest (bits 240..255) to the lowest, so hashes
 * compare with those of other PDQ implementations. {@link #quality} is PDQ's measure of how much
 * detail the picture has (0 to 100); below about 50 a hash is unreliable.
 */
public final class PdqHash {

    private static final int SIZE = 64;

    private static final int FREQUENCIES = 16;

    private static final float[][] DCT = dctMatrix();

    private final long[] bits;

    private final int quality;

    private PdqHash(long[] bits, int quality) {
        this.bits = bits;
        this.quality = quality;
    }

    /** The 256 bits as four words, the first holding the hex form's first 16 digits. */
    public long[] bits() {
        return bits.clone();
    }

    public int quality() {
        return quality;
    }

    public String hex() {
        StringBuilder hex = new StringBuilder(64);
        for (long word : bits) {
            hex.append(String.format("%016x", word));
        }
        return hex.toString();
    }

    public int distance(PdqHash other) {
        int distance = 0;
        for (int w = 0; w < 4; w++) {
            distance += Long.bitCount(bits[w] ^ other.bits[w]);
        }
        return distance;
    }

    public static PdqHash of(BufferedImage image) {
        int rows = image.getHeight();
        int cols = image.getWidth();
        float[] luma = new float[rows * cols];
        int[] row = new int[cols];
        for (int y = 0; y < rows; y++) {
            image.getRGB(0, y, cols, 1, row, 0, cols);
            for (int x = 0; x < cols; x++) {
                int rgb = row[x];
                luma[y * cols + x] = 0.299f * ((rgb >> 16) & 0xFF) + 0.587f * ((rgb >> 8) & 0xFF) + 0.114f * (rgb & 0xFF);
            }
        }
        return of(luma, rows, cols);
    }

    static PdqHash of(float[] luma, int rows, int cols) {
        float[] scratch = new float[luma.length];
        int alongRows = (cols + 127) / 128;
        int alongCols = (rows + 127) / 128;
        for (int pass = 0; pass < 2; pass++) {
            for (int y = 0; y < rows; y++) {
                box(luma, y * cols, scratch, cols, 1, alongRows);
            }
            for (int x = 0; x < cols; x++) {
                box(scratch, x, luma, rows, cols, alongCols);
            }
        }
        float[][] samples = new float[SIZE][SIZE];
        for (int i = 0; i < SIZE; i++) {
            int y = (int) ((i + 0.5) * rows / SIZE);
            for (int j = 0; j < SIZE; j++) {
                int x = (int) ((j + 0.5) * cols / SIZE);
                samples[i][j] = luma[y * cols + x];
            }
        }
        int quality = quality(samples);
        float[][] coefficients = dct(samples);
        float[] sorted = new float[FREQUENCIES * FREQUENCIES];
        for (int i = 0; i < FREQUENCIES; i++) {
            System.arraycopy(coefficients[i], 0, sorted, i * FREQUENCIES, FREQUENCIES);
        }
        java.util.Arrays.sort(sorted);
        // The lower median (the 128th smallest), as the reference's Torben median gives.
        float median = sorted[sorted.length / 2 - 1];
        long[] bits = new long[4];
        for (int i = 0; i < FREQUENCIES; i++) {
            for (int j = 0; j < FREQUENCIES; j++) {
                if (coefficients[i][j] > median) {
                    int bit = i * FREQUENCIES + j;
                    // Word 15 (bits 240..255) prints first: it is the high half of bits[0].
                    int word = bit >> 4;
                    int slot = 3 - (word >> 2);
                    int shift = (word & 3) * 16 + (bit & 15);
                    bits[slot] |= 1L << shift;
                }
            }
        }
        return new PdqHash(bits, quality);
    }

    /**
     * One pass of a box filter along a line of {@code length} values {@code stride} apart: the
     * mean over a window of {@code window} values centred on each, shrinking at the ends.
     */
    private static void box(float[] in, int offset, float[] out, int length, int stride, int window) {
        int half = (window + 2) / 2;
        int leading = half - 1;
        int growing = window - half + 1;
        int full = length - window;
        int trailing = half - 1;
        int left = 0;
        int right = 0;
        int written = 0;
        float sum = 0;
        int count = 0;
        for (int k = 0; k < leading; k++) {
            sum += in[offset + right];
            count++;
            right += stride;
        }
        for (int k = 0; k < growing; k++) {
            sum += in[offset + right];
            count++;
            out[offset + written] = sum / count;
            right += stride;
            written += stride;
        }
        for (int k = 0; k < full; k++) {
            sum += in[offset + right];
            sum -= in[offset + left];
            out[offset + written] = sum / count;
            left += stride;
            right += stride;
            written += stride;
        }
        for (int k = 0; k < trailing; k++) {
            sum -= in[offset + left];
            count--;
            out[offset + written] = sum / count;
            left += stride;
            written += stride;
        }
    }

    /** Sum of quantised gradients between neighbouring samples, scaled to 0..100. */
    private static int quality(float[][] samples) {
        int gradients = 0;
        for (int i = 0; i < SIZE - 1; i++) {
            for (int j = 0; j < SIZE; j++) {
                gradients += Math.abs((int) ((samples[i][j] - samples[i + 1][j]) * 100 / 255));
            }
        }
        for (int i = 0; i < SIZE; i++) {
            for (int j = 0; j < SIZE - 1; j++) {
                gradients += Math.abs((int) ((samples[i][j] - samples[i][j + 1]) * 100 / 255));
            }
        }
        return Math.min(100, gradients / 90);
    }

    /** D · A · Dᵀ with D the 16 × 64 DCT-II rows 1..16. */
    private static float[][] dct(float[][] a) {
        float[][] t = new float[FREQUENCIES][SIZE];
        for (int i = 0; i < FREQUENCIES; i++) {
            for (int j = 0; j < SIZE; j++) {
                float sum = 0;
                for (int k = 0; k < SIZE; k++) {
                    sum += DCT[i][k] * a[k][j];
                }
                t[i][j] = sum;
            }
        }
        float[][] b = new float[FREQUENCIES][FREQUENCIES];
        for (int i = 0; i < FREQUENCIES; i++) {
            for (int j = 0; j < FREQUENCIES; j++) {
                float sum = 0;
                for (int k = 0; k < SIZE; k++) {
                    sum += t[i][k] * DCT[j][k];
                }
                b[i][j] = sum;
            }
        }
        return b;
    }

    private static float[][] dctMatrix() {
        float[][] matrix = new float[FREQUENCIES][SIZE];
        double scale = Math.sqrt(2.0 / SIZE);
        for (int i = 0; i < FREQUENCIES; i++) {
            for (int j = 0; j < SIZE; j++) {
                matrix[i][j] = (float) (scale * Math.cos(Math.PI / 2 / SIZE * (i + 1) * (2 * j + 1)));
            }
        }
        return matrix;
    }
}
