package io.videoseq.core.config;

import io.videoseq.core.VideoseqException;

/**
 * A configuration value, key or file refused, in one line {@code SOURCE: KEY.PATH: PROBLEM} (e.g.
 * {@code run.json: training.epochs: expected an integer, found 2.5}); the command line exits with 2.
 */
public final class ConfigException extends VideoseqException {
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
