package io.videoseq.app.cli;

import io.videoseq.app.UserInputException;
import io.videoseq.data.Hdf5Library;
import io.videoseq.video.Preprocessing;
import io.videoseq.video.Preprocessing.ChannelOrder;
import io.videoseq.video.backbone.KerasBackbone;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The backbone flags of {@code extract} and {@code classify}: the model file, its feature layer and its
 * preprocessing. Unset preprocessing flags take {@code defaults} (extract: 224, RGB, mean 0, std 255; classify:
 * what the model's features were extracted with).
 */
public final class BackboneOptions {
    @Option(names = "--backbone", required = true, paramLabel = "MODEL",
            description = "The per-frame CNN: a Keras .h5 file (model.save, with weights), or a TensorFlow.js"
                    + " layers model (model.json or model.min.js, or its folder).")
    Path backbone;

    @Option(names = "--layer", paramLabel = "NAME", description = "The layer whose output (flattened) is the"
            + " feature vector, e.g. global_average_pooling2d or flatten_1 (default: the model's output; classify:"
            + " the one the model was trained on).")
    String layer;

    @Option(names = "--input-size", paramLabel = "N|WxH", description = "Frames are resized to this (bilinear,"
            + " half-pixel centres) before the backbone (extract's default 224; classify: the model's record).")
    String inputSize;

    @Option(names = "--channel-order", paramLabel = "RGB|BGR", description = "Channel order the backbone expects"
            + " (extract's default RGB; classify: the model's record; Keras ResNet50's caffe mode: BGR).")
    ChannelOrder channelOrder;

    @Option(names = "--mean", paramLabel = "M[,M,M]", split = ",", description = "Subtracted from the 0..255"
            + " pixel values, one or three values in channel order (extract's default 0; classify: the model's"
            + " record).")
    List<Double> mean;

    @Option(names = "--std", paramLabel = "S[,S,S]", split = ",", description = "Then divided by, one or three"
            + " values (extract's default 255: inputs in [0, 1]; classify: the model's record; Keras"
            + " MobileNetV2/EfficientNetV2 use --mean 127.5 --std 127.5, EfficientNet --mean 0 --std 1).")
    List<Double> std;

    /** Extract's defaults: 224 x 224 RGB in [0, 1]. */
    static Preprocessing defaults() {
        return Preprocessing.of(224, ChannelOrder.RGB, 0, 255);
    }

    boolean anyPreprocessingGiven() {
        return inputSize != null || channelOrder != null || mean != null || std != null;
    }

    Preprocessing preprocessing(Preprocessing defaults) {
        int w = defaults.width();
        int h = defaults.height();
        if (inputSize != null) {
            String[] p = inputSize.toLowerCase(java.util.Locale.ROOT).split("x");
            try {
                w = Integer.parseInt(p[0].strip());
                h = p.length == 2 ? Integer.parseInt(p[1].strip()) : w;
                if (p.length > 2) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new UserInputException("--input-size: expected N or WxH (e.g. 224 or 320x240), found "
                        + inputSize);
            }
        }
        try {
            return new Preprocessing(w, h, Preprocessing.BILINEAR,
                    channelOrder != null ? channelOrder : defaults.channelOrder(),
                    three("--mean", mean, defaults.mean()), three("--std", std, defaults.std()));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    private static List<Double> three(String option, List<Double> given, List<Double> fallback) {
        if (given == null) {
            return fallback;
        }
        if (given.size() == 1) {
            return List.of(given.get(0), given.get(0), given.get(0));
        }
        if (given.size() != 3) {
            throw new UserInputException(option + ": expected one value or three (one per channel), found "
                    + given.size() + " " + given);
        }
        return given;
    }

    /** Loads the backbone; {@code layerDefault} when --layer is not given (null: the model's output). */
    KerasBackbone load(Preprocessing defaults, String layerDefault) {
        // DL4J's Keras import leaves HDF5's error printing on: a truncated .h5 would print HDF5-DIAG lines first.
        Hdf5Library.initialise();
        return KerasBackbone.load(backbone, layer != null ? layer : layerDefault, preprocessing(defaults));
    }
}
