package io.videoseq.model.io;

import java.util.Map;

/**
 * Class names that older videoseq versions wrote into {@code configuration.json} and that now live elsewhere.
 * DL4J resolves every {@code "@class"} by its full name, so a moved class breaks every checkpoint written before
 * the move; the loader rewrites the old names first. The loss, updater and schedule moved from
 * {@code videoseq-training} to {@code videoseq-model} so that a project depending on the model module alone can
 * load every checkpoint; the layers had moved into {@code io.videoseq.model.layers} before and kept
 * deprecated aliases at their old names, which still resolve by themselves.
 */
final class RenamedTypes {
    private static final Map<String, String> RENAMED = Map.of(
            "io.videoseq.training.loss.FocalLoss", "io.videoseq.model.loss.FocalLoss",
            "io.videoseq.training.optim.AdamW", "io.videoseq.model.optim.AdamW",
            "io.videoseq.training.optim.CosineRestartSchedule", "io.videoseq.model.optim.CosineRestartSchedule");

    private RenamedTypes() {
    }

    /** The configuration JSON with every old type id (a quoted full class name) replaced by its current name. */
    static String toCurrent(String json) {
        String out = json;
        for (Map.Entry<String, String> e : RENAMED.entrySet()) {
            out = out.replace('"' + e.getKey() + '"', '"' + e.getValue() + '"');
        }
        return out;
    }
}
