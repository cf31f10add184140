package io.videoseq.torch;

import java.io.IOException;

/**
 * A PyTorch {@code state_dict} HDF5 file that cannot be imported. The message is one line naming the file, the
 * dataset or attribute, what was expected and what was found.
 */
public class TorchImportException extends IOException {

    public TorchImportException(String message) {
        super(message);
    }

    public TorchImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
