package com.linkwithmentor.lecture.transcode;

import java.util.ArrayList;
import java.util.List;

/**
 * The HLS ladder for a source: the standard rungs at or below its height (never upscaled), or one
 * rung at the source's own height when it is smaller than the lowest. Widths keep the source's
 * aspect ratio, rounded to even (x264 with yuv420p needs even dimensions).
 */
record Ladder(List<Rung> rungs) {

    record Rung(String name, int height, int width, int videoKbps, int maxKbps, int audioKbps) {

        /** The peak bitrate a player sees in the master playlist: video max rate plus audio, in bits/s. */
        int bandwidth() {
            return (maxKbps + audioKbps) * 1000;
        }
    }

    private static final int[][] STANDARD = { { 360, 800, 856 }, { 720, 2800, 2996 }, { 1080, 5000, 5350 } };

    static Ladder plan(int sourceWidth, int sourceHeight, boolean audio) {
        int audioKbps = audio ? 128 : 0;
        List<Rung> rungs = new ArrayList<>();
        for (int[] standard : STANDARD) {
            int height = standard[0];
            if (height <= sourceHeight) {
                rungs.add(new Rung(height + "p", height, even((long) sourceWidth * height / sourceHeight), standard[1],
                        standard[2], audioKbps));
            }
        }
        if (rungs.isEmpty()) {
            int height = even(sourceHeight);
            int kbps = Math.max(200, 800 * height / 360);
            rungs.add(new Rung(height + "p", height, even(sourceWidth), kbps, kbps * 107 / 100, audioKbps));
        }
        return new Ladder(List.copyOf(rungs));
    }

    private static int even(long value) {
        int rounded = (int) Math.max(2, Math.round(value / 2.0) * 2);
        return rounded;
    }
}
