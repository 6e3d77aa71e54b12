package com.linkwithmentor.lecture.progress;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Watched time as a sorted list of disjoint {@code [from, to)} intervals in seconds. Adding merges
 * overlapping and touching intervals, so watching the same minute twice counts once.
 */
record Intervals(List<double[]> spans) {

    static final Intervals NONE = new Intervals(List.of());

    Intervals {
        spans = List.copyOf(spans);
    }

    /** The union of these intervals and the given ones, each clipped to {@code [0, limit]}. */
    Intervals with(List<double[]> added, double limit) {
        List<double[]> all = new ArrayList<>(spans);
        for (double[] span : added) {
            double from = Math.max(0, Math.min(span[0], limit));
            double to = Math.max(0, Math.min(span[1], limit));
            if (to > from) {
                all.add(new double[] { from, to });
            }
        }
        all.sort(Comparator.comparingDouble(s -> s[0]));
        List<double[]> merged = new ArrayList<>();
        for (double[] span : all) {
            if (!merged.isEmpty() && span[0] <= merged.get(merged.size() - 1)[1]) {
                double[] last = merged.get(merged.size() - 1);
                last[1] = Math.max(last[1], span[1]);
            }
            else {
                merged.add(new double[] { span[0], span[1] });
            }
        }
        return new Intervals(merged);
    }

    /**
     * The union with the given intervals, crediting at most {@code budget} new seconds: the new
     * intervals are taken in the order reported, the last one cut short where the budget ends.
     */
    Intervals withBudget(List<double[]> added, double limit, double budget) {
        Intervals result = this;
        double left = budget;
        for (double[] span : added) {
            if (left <= 0) {
                break;
            }
            Intervals whole = result.with(List.of(span), limit);
            double gain = whole.total() - result.total();
            if (gain <= left) {
                result = whole;
                left -= gain;
                continue;
            }
            // Too much: credit the start of this span only, as far as the budget reaches.
            double from = Math.max(0, Math.min(span[0], limit));
            double lo = from;
            double hi = Math.min(span[1], limit);
            for (int i = 0; i < 50; i++) {
                double mid = (lo + hi) / 2;
                double g = result.with(List.<double[]>of(new double[] { from, mid }), limit).total() - result.total();
                if (g <= left) {
                    lo = mid;
                }
                else {
                    hi = mid;
                }
            }
            result = result.with(List.<double[]>of(new double[] { from, lo }), limit);
            break;
        }
        return result;
    }

    double total() {
        double total = 0;
        for (double[] span : spans) {
            total += span[1] - span[0];
        }
        return total;
    }
}
