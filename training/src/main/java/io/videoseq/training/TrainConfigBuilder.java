package io.videoseq.training;

import io.videoseq.data.ReadMode;
/** Fluent, mutable builder of {@link TrainConfig}; {@link #build()} validates. */
public final class TrainConfigBuilder {

    private int epochs;
    private int batchSize;
    private double learningRate;
    private double weightDecay;
    private int patience;
    private String monitor;
    private io.videoseq.training.metrics.Direction mode;
    private int checkpointEvery;
    private int keepCheckpoints;
    private int scheduleT0;
    private int scheduleTMult;
    private double etaMin;
    private TrainConfig.ScheduleUnit scheduleUnit;
    private double focalGamma;
    private double labelSmoothing;
    private TrainConfig.FocalAlpha focalAlpha;
    private double clipNorm;
    private long seed;
    private String suffix;
    private ReadMode readMode;
    private TrainConfig.Precision dataType;
    private boolean augment;
    private boolean allowZeroFrames;
    private boolean allowMissingClasses;
    private int maxFramesLimit;

    TrainConfigBuilder(TrainConfig c) {
        epochs = c.epochs();
        batchSize = c.batchSize();
        learningRate = c.learningRate();
        weightDecay = c.weightDecay();
        patience = c.patience();
        monitor = c.monitor();
        mode = c.mode();
        checkpointEvery = c.checkpointEvery();
        keepCheckpoints = c.keepCheckpoints();
        scheduleT0 = c.scheduleT0();
        scheduleTMult = c.scheduleTMult();
        etaMin = c.etaMin();
        scheduleUnit = c.scheduleUnit();
        focalGamma = c.focalGamma();
        labelSmoothing = c.labelSmoothing();
        focalAlpha = c.focalAlpha();
        clipNorm = c.clipNorm();
        seed = c.seed();
        suffix = c.suffix();
        readMode = c.readMode();
        dataType = c.dataType();
        augment = c.augment();
        allowZeroFrames = c.allowZeroFrames();
        allowMissingClasses = c.allowMissingClasses();
        maxFramesLimit = c.maxFramesLimit();
    }

    public TrainConfigBuilder epochs(int value) {
        epochs = value;
        return this;
    }

    public TrainConfigBuilder batchSize(int value) {
        batchSize = value;
        return this;
    }

    public TrainConfigBuilder learningRate(double value) {
        learningRate = value;
        return this;
    }

    public TrainConfigBuilder weightDecay(double value) {
        weightDecay = value;
        return this;
    }

    public TrainConfigBuilder patience(int value) {
        patience = value;
        return this;
    }

    /** The monitored history column; its mode follows it unless {@link #mode} is called after this. */
    public TrainConfigBuilder monitor(String value) {
        monitor = value;
        mode = null;
        return this;
    }

    /** {@code max} or {@code min}; must agree with the monitor's direction. */
    public TrainConfigBuilder mode(io.videoseq.training.metrics.Direction value) {
        mode = value;
        return this;
    }

    public TrainConfigBuilder checkpointEvery(int value) {
        checkpointEvery = value;
        return this;
    }

    public TrainConfigBuilder keepCheckpoints(int value) {
        keepCheckpoints = value;
        return this;
    }

    public TrainConfigBuilder scheduleT0(int value) {
        scheduleT0 = value;
        return this;
    }

    public TrainConfigBuilder scheduleTMult(int value) {
        scheduleTMult = value;
        return this;
    }

    public TrainConfigBuilder etaMin(double value) {
        etaMin = value;
        return this;
    }

    public TrainConfigBuilder scheduleUnit(TrainConfig.ScheduleUnit value) {
        scheduleUnit = value;
        return this;
    }

    public TrainConfigBuilder focalGamma(double value) {
        focalGamma = value;
        return this;
    }

    public TrainConfigBuilder labelSmoothing(double value) {
        labelSmoothing = value;
        return this;
    }

    public TrainConfigBuilder focalAlpha(TrainConfig.FocalAlpha value) {
        focalAlpha = value;
        return this;
    }

    public TrainConfigBuilder clipNorm(double value) {
        clipNorm = value;
        return this;
    }

    public TrainConfigBuilder seed(long value) {
        seed = value;
        return this;
    }

    public TrainConfigBuilder suffix(String value) {
        suffix = value;
        return this;
    }

    public TrainConfigBuilder readMode(ReadMode value) {
        readMode = value;
        return this;
    }

    public TrainConfigBuilder dataType(TrainConfig.Precision value) {
        dataType = value;
        return this;
    }

    public TrainConfigBuilder augment(boolean value) {
        augment = value;
        return this;
    }

    public TrainConfigBuilder maxFramesLimit(int value) {
        maxFramesLimit = value;
        return this;
    }

    public TrainConfigBuilder allowZeroFrames(boolean value) {
        allowZeroFrames = value;
        return this;
    }

    public TrainConfigBuilder allowMissingClasses(boolean value) {
        allowMissingClasses = value;
        return this;
    }

    /** The configuration; throws {@link IllegalArgumentException} naming the first invalid field. */
    public TrainConfig build() {
        return new TrainConfig(epochs, batchSize, learningRate, weightDecay, patience, monitor, mode, checkpointEvery,
                keepCheckpoints, scheduleT0, scheduleTMult, etaMin, scheduleUnit, focalGamma, labelSmoothing,
                focalAlpha, clipNorm, seed, suffix, readMode, dataType, augment, allowZeroFrames,
                allowMissingClasses, maxFramesLimit);
    }
}
