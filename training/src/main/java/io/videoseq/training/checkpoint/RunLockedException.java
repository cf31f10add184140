package io.videoseq.training.checkpoint;

import io.videoseq.core.VideoseqException;

import java.nio.file.Path;

/**
 * Another run of the same model name into the same checkpoint folder is in progress. The user can wait or pick
 * another name or folder, so the command line exits with 2.
 */
public final class RunLockedException extends VideoseqException {

    public RunLockedException(Path lockFile, String name, String holderPid) {
        super(lockFile.toAbsolutePath() + ": model '" + name + "' is being trained by process " + holderPid
                + "; wait for it to finish, or use another --model-name or --output-dir");
    }
}
