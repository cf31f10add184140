package io.videoseq.inference;

import io.videoseq.core.VideoseqException;

/**
 * A model and a feature file that do not fit (feature width or class count): one line naming both files, found
 * before any ND4J shape error could. The user picked the wrong pair, so the command line exits with 2.
 */
public final class ShapeMismatchException extends VideoseqException {
    public ShapeMismatchException(String message) {
        super(message);
    }
}
