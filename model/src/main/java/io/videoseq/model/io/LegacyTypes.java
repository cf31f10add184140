package io.videoseq.model.io;

import java.util.Map;

/**
 * Every class name that older videoseq versions wrote into a checkpoint's {@code configuration.json} and that is no
 * longer where it was: the one list of videoseq's compatibility names. DL4J resolves every {@code "@class"} by its
 * full name, so a moved class would break every checkpoint written before the move. Two kinds, each for a reason:
 * <ul>
 *   <li>{@link #ALIASES}: classes kept at their old name as deprecated subclasses of the moved class. The layer
 *       wrappers need this, not a rename at load: DL4J's own {@code ModelSerializer} (which does not rewrite names)
 *       must still read those files, and a graph loaded from one writes the old name again when saved.</li>
 *   <li>{@link #RENAMED}: names rewritten to the current ones when {@link ModelZip} reads a configuration. The loss,
 *       updater and schedule moved from {@code videoseq-training} to {@code videoseq-model} so that the model
 *       module alone loads every checkpoint; an alias would need an {@code io.videoseq.training} package inside the
 *       model module, split with the training module's.</li>
 * </ul>
 * And {@link #ONLY_FOR_OLD_FILES}: current classes that new models no longer use, kept because old files name them.
 * {@code OldCheckpointsTest} (app) loads files of every kind; {@code LegacyTypesTest} checks these lists.
 */
final class LegacyTypes {
    /** Old name → the current class; the old name is a deprecated subclass that must never be removed. */
    static final Map<String, String> ALIASES = Map.of(
            "io.videoseq.model.MaskedRecurrent", "io.videoseq.model.layers.MaskedRecurrent",
            "io.videoseq.model.PackedBidirectional", "io.videoseq.model.layers.PackedBidirectional");

    /** Old name → the current class; the old name no longer exists and is rewritten when a file is read. */
    static final Map<String, String> RENAMED = Map.of(
            "io.videoseq.training.loss.FocalLoss", "io.videoseq.model.loss.FocalLoss",
            "io.videoseq.training.optim.AdamW", "io.videoseq.model.optim.AdamW",
            "io.videoseq.training.optim.CosineRestartSchedule", "io.videoseq.model.optim.CosineRestartSchedule");

    /**
     * Classes the model factory no longer builds (bidirectional layers are {@code BiLstm} since it exists), kept at
     * their names because older checkpoints are made of them: {@code MaskedRecurrent(PackedBidirectional(LSTM))}.
     */
    static final java.util.Set<String> ONLY_FOR_OLD_FILES = java.util.Set.of(
            "io.videoseq.model.layers.PackedBidirectional");

    private LegacyTypes() {
    }

    /** The configuration JSON with every {@link #RENAMED} type id (a quoted full class name) replaced. */
    static String toCurrent(String json) {
        String out = json;
        for (Map.Entry<String, String> e : RENAMED.entrySet()) {
            out = out.replace('"' + e.getKey() + '"', '"' + e.getValue() + '"');
        }
        return out;
    }
}
