package io.videoseq.app.config;

import io.videoseq.model.ModelConfig;
import io.videoseq.training.TrainConfig;

/** The two configuration records a training command needs, after defaults, config file and flags. */
public record RunConfig(ModelConfig model, TrainConfig training) {
}
