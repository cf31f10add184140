package io.videoseq.app.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.videoseq.training.io.Json;
import io.videoseq.model.ModelConfig;
import io.videoseq.training.TrainConfig;

/** The two configuration records a training command needs, after defaults, config file and flags. */
public record RunConfig(ModelConfig model, TrainConfig training) {

    /** The document a {@code --config} file holds, {@code {"model": {...}, "training": {...}}}, every key set. */
    public ObjectNode toJson() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.set(RunConfigLoader.MODEL, Json.mapper().valueToTree(model));
        o.set(RunConfigLoader.TRAINING, Json.mapper().valueToTree(training));
        return o;
    }
}
