package io.videoseq.app;

import io.videoseq.core.VideoseqException;

/**
 * Bad input from the user (a file, an option, a configuration key). The command line reports its message as
 * one line and exits with {@link ExitCodes#BAD_INPUT}; the message names the file or option, what was expected
 * and what was found.
 */
public final class UserInputException extends VideoseqException {
    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
