package io.videoseq.training.run;

/**
 * A run that cannot start as asked: an earlier run of the name would be replaced, a resume could not be exact
 * (another configuration, other input files), the data do not fit the model, a checkpoint is missing. The message
 * is one line naming the file or setting and what to do; the command line exits with 2. It is an
 * {@link IllegalArgumentException}, as the request's arguments are what is wrong.
 */
public final class RunRefusedException extends IllegalArgumentException {
    public RunRefusedException(String message) {
        super(message);
    }
}
