package io.videoseq.app.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProgressLineTest {
    private static final ProgressLine LINE =
            new ProgressLine("[ensemble_model_1] epoch 12/150", 1234, 2400, 64.04, 1.35027, 18.2);

    @ParameterizedTest
    @ValueSource(ints = {60, 80, 120, 200})
    void fitsTheTerminalAndKeepsEveryNumberWhole(int width) {
        String line = LINE.render(width);
        assertTrue(line.length() <= width, width + " columns: " + line.length() + ": " + line);
        for (String number : new String[] {" 51%", "loss 1.3503", "ETA 18.2s"}) {
            assertTrue(line.contains(number), "'" + number + "' at " + width + " columns: " + line);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {60, 80})
    void theBarGoesFirst(int width) {
        String line = LINE.render(width);
        assertFalse(line.contains("["+ "="), width + " columns: " + line);
        assertFalse(line.endsWith("]"), line);
    }

    @ParameterizedTest
    @ValueSource(ints = {120, 200})
    void aWideTerminalGetsEverything(int width) {
        String line = LINE.render(width);
        assertEquals(width, line.length(), "the bar takes the rest of the line: " + line);
        for (String part : new String[] {"[ensemble_model_1] epoch 12/150", "1234/2400 seq", "64.0 seq/s", "=>"}) {
            assertTrue(line.contains(part), "'" + part + "' at " + width + " columns: " + line);
        }
    }

    @org.junit.jupiter.api.Test
    void at80ColumnsTheTaskAndSpeedStay() {
        String line = LINE.render(80);
        assertTrue(line.startsWith("[ensemble_model_1] epoch 12/150  51%"), line);
        assertTrue(line.contains("64.0 seq/s"), line);
    }

    @org.junit.jupiter.api.Test
    void tooNarrowForAllKeepsTheNumbersRatherThanCuttingThem() {
        String line = LINE.render(20);
        assertEquals(" 51%  loss 1.3503  ETA 18.2s", line);
    }

    @org.junit.jupiter.api.Test
    void beforeTheFirstBatchThereIsNoLossOrSpeed() {
        String line = new ProgressLine("[m] epoch 1/2", 0, 10, Double.NaN, Double.NaN, Double.NaN).render(80);
        assertTrue(line.startsWith("[m] epoch 1/2   0% ["), line);
        assertTrue(line.endsWith("0/10 seq  ETA -"), line);
    }

    @org.junit.jupiter.api.Test
    void theDrawnLineCoversTheWholeWidthSoNoOlderLongerLineShowsThrough() {
        assertEquals(80, TerminalProgress.pad(LINE.render(80), 80).length());
        assertEquals(" 51%  loss 1.3503  ETA 18.2s", TerminalProgress.pad(LINE.render(20), 20));
    }
}
