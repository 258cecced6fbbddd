package org.comity.treaty.ui;

import java.util.ArrayList;
import java.util.List;
import org.comity.treaty.Progress;

/**
 * The geometry of the progress chart, computed on the server so the page needs no script: one bar of
 * the counted instruments against the threshold, with a tick every ten. The template draws it as SVG
 * and repeats the numbers in text for screen readers.
 */
record ProgressChart(int width, int height, int barWidth, int required, int counted, List<Tick> ticks) {

    static final int WIDTH = 600;
    static final int BAR_HEIGHT = 32;

    record Tick(int x, int value) {}

    static ProgressChart of(Progress progress) {
        int required = Math.max(1, progress.required());
        int counted = Math.min(progress.counted(), required);
        int bar = (int) Math.round((double) counted / required * WIDTH);
        var ticks = new ArrayList<Tick>();
        for (int value = 0; value <= required; value += 10) {
            ticks.add(new Tick((int) Math.round((double) value / required * WIDTH), value));
        }
        return new ProgressChart(WIDTH, BAR_HEIGHT + 24, bar, required, progress.counted(), ticks);
    }
}
