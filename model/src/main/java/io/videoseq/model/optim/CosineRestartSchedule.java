package io.videoseq.model.optim;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * Cosine annealing with warm restarts (PyTorch's {@code CosineAnnealingWarmRestarts}) as a DL4J learning-rate
 * schedule: {@code lr(t) = etaMin + (baseLr - etaMin) * (1 + cos(pi * (t - start) / length)) / 2}, where the
 * cycle containing {@code t} starts at {@code start} and lasts {@code length}; the first cycle lasts {@code t0}
 * and each next one {@code tMult} times longer. Cycles are found by accumulating their exact lengths, so a
 * restart (lr back to {@code baseLr}) lands exactly on its boundary.
 *
 * <p>The position {@code t} depends on {@link ScheduleUnit}: {@code ITERATIONS} uses the DL4J iteration
 * (number of updates done so far, 0 for the first), which is what the original pipeline did by stepping the
 * scheduler once per batch; {@code EPOCHS} uses {@code iteration / iterationsPerEpoch}, so cycles are measured in
 * epochs and the rate still changes smoothly every iteration inside an epoch. The DL4J epoch argument is ignored
 * in both modes: the value is a pure function of the iteration count, which DL4J stores in the saved model, so a
 * resumed run continues the schedule exactly.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public final class CosineRestartSchedule implements ISchedule {
    private static final long serialVersionUID = 1L;

    /** What {@code t0} counts. */
    public enum ScheduleUnit { EPOCHS, ITERATIONS }

    private final double baseLr;
    private final double etaMin;
    private final double t0;
    private final double tMult;
    private final ScheduleUnit unit;
    private final int iterationsPerEpoch;

    /**
     * @param baseLr             rate at the start of every cycle, finite and &gt; 0
     * @param etaMin             floor reached at the end of a cycle, in [0, baseLr]
     * @param t0                 length of the first cycle in {@code unit}s, finite and &gt; 0
     * @param tMult              growth factor of the cycle length, finite and &gt;= 1
     * @param unit               what {@code t0} counts
     * @param iterationsPerEpoch iterations in one epoch, &gt; 0 for {@code EPOCHS}; ignored (stored as 0) for
     *                           {@code ITERATIONS}
     */
    @JsonCreator
    public CosineRestartSchedule(@JsonProperty("baseLr") double baseLr, @JsonProperty("etaMin") double etaMin,
                                 @JsonProperty("t0") double t0, @JsonProperty("tMult") double tMult,
                                 @JsonProperty("unit") ScheduleUnit unit,
                                 @JsonProperty("iterationsPerEpoch") int iterationsPerEpoch) {
        if (!(baseLr > 0) || Double.isInfinite(baseLr)) {
            throw new IllegalArgumentException("CosineRestartSchedule baseLr = " + baseLr + ": expected a finite value > 0");
        }
        if (!(etaMin >= 0 && etaMin <= baseLr)) {
            throw new IllegalArgumentException("CosineRestartSchedule etaMin = " + etaMin
                    + ": expected a value in [0, baseLr = " + baseLr + "]");
        }
        if (!(t0 > 0) || Double.isInfinite(t0)) {
            throw new IllegalArgumentException("CosineRestartSchedule t0 = " + t0 + ": expected a finite value > 0");
        }
        if (!(tMult >= 1) || Double.isInfinite(tMult)) {
            throw new IllegalArgumentException("CosineRestartSchedule tMult = " + tMult + ": expected a finite value >= 1");
        }
        if (unit == null) {
            throw new IllegalArgumentException("CosineRestartSchedule unit = null: expected EPOCHS or ITERATIONS");
        }
        if (unit == ScheduleUnit.EPOCHS && iterationsPerEpoch <= 0) {
            throw new IllegalArgumentException("CosineRestartSchedule iterationsPerEpoch = " + iterationsPerEpoch
                    + ": expected a value > 0 when unit = EPOCHS");
        }
        this.baseLr = baseLr;
        this.etaMin = etaMin;
        this.t0 = t0;
        this.tMult = tMult;
        this.unit = unit;
        this.iterationsPerEpoch = unit == ScheduleUnit.EPOCHS ? iterationsPerEpoch : 0;
    }

    /** Cycles counted in iterations (the original pipeline's behaviour). */
    public static CosineRestartSchedule perIteration(double baseLr, double etaMin, double t0, double tMult) {
        return new CosineRestartSchedule(baseLr, etaMin, t0, tMult, ScheduleUnit.ITERATIONS, 0);
    }

    /** Cycles counted in epochs, the rate changing every iteration (the documented intent). */
    public static CosineRestartSchedule perEpoch(double baseLr, double etaMin, double t0, double tMult,
                                                 int iterationsPerEpoch) {
        return new CosineRestartSchedule(baseLr, etaMin, t0, tMult, ScheduleUnit.EPOCHS, iterationsPerEpoch);
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        if (iteration < 0) {
            throw new IllegalArgumentException("CosineRestartSchedule iteration = " + iteration + ": expected >= 0");
        }
        return at(position(iteration));
    }

    /** The schedule position of an iteration in {@code unit}s; whole epochs plus the fraction done. */
    double position(int iteration) {
        if (unit == ScheduleUnit.ITERATIONS) {
            return iteration;
        }
        // whole part and fraction separately, so a boundary is an exact integer
        return (iteration / iterationsPerEpoch) + (double) (iteration % iterationsPerEpoch) / iterationsPerEpoch;
    }

    /** The rate at schedule position {@code t} (in {@code unit}s). */
    public double at(double t) {
        double start = 0.0;
        double length = t0;
        while (t >= start + length) {
            start += length;
            length *= tMult;
        }
        return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * (t - start) / length)) / 2;
    }

    public double baseLr() {
        return baseLr;
    }

    public double etaMin() {
        return etaMin;
    }

    public double t0() {
        return t0;
    }

    public double tMult() {
        return tMult;
    }

    public ScheduleUnit unit() {
        return unit;
    }

    public int iterationsPerEpoch() {
        return iterationsPerEpoch;
    }

    @Override
    public CosineRestartSchedule clone() {
        return new CosineRestartSchedule(baseLr, etaMin, t0, tMult, unit, iterationsPerEpoch);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CosineRestartSchedule s && Double.compare(baseLr, s.baseLr) == 0
                && Double.compare(etaMin, s.etaMin) == 0 && Double.compare(t0, s.t0) == 0
                && Double.compare(tMult, s.tMult) == 0 && unit == s.unit && iterationsPerEpoch == s.iterationsPerEpoch;
    }

    @Override
    public int hashCode() {
        return Objects.hash(baseLr, etaMin, t0, tMult, unit, iterationsPerEpoch);
    }

    @Override
    public String toString() {
        return "CosineRestartSchedule(baseLr=" + baseLr + ", etaMin=" + etaMin + ", t0=" + t0 + ", tMult=" + tMult
                + ", unit=" + unit + (unit == ScheduleUnit.EPOCHS ? ", iterationsPerEpoch=" + iterationsPerEpoch : "")
                + ")";
    }
}
