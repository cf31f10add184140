package io.videoseq.video.classify;

import io.videoseq.video.backbone.BackboneException;

/**
 * A backbone that does not give the features a model was trained on: another network, layer or preprocessing than
 * the model's record, another feature width, or members of an ensemble recorded with different backbones. The
 * message is one line naming the model and both sides.
 */
public final class BackboneMismatchException extends BackboneException {
    public BackboneMismatchException(String message) {
        super(message);
    }
}
