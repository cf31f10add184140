package io.videoseq.core;

/**
 * The base of videoseq's unchecked refusals: an input the user can fix — a damaged or unsuitable file, a refused
 * option or configuration value, a run already in progress — named in a one-line message (the file, option or key,
 * what was expected and what was found). The command line reports one with exit code 2 and no stack trace; any
 * other exception is a bug (exit 1).
 *
 * <p>Not every videoseq exception derives from it: the ones that report a failed read or write keep their
 * {@code java.io} supertypes ({@code FileWriteException} an {@code UncheckedIOException}, {@code TorchImportException}
 * and {@code ResourceLogException} {@code IOException}s), which their callers catch as I/O and which the command
 * line treats as the user's to fix as well; {@code RunRefusedException} stays the {@code IllegalArgumentException}
 * that callers of the trainer have caught since it exists (the compatibility guard asserts it); an interruption
 * ({@code DecodeInterruptedException}) is not a refusal.
 * It lives in {@code videoseq-core} because {@code data} and {@code model}, which are independent of each other, both
 * throw it.
 */
public abstract class VideoseqException extends RuntimeException {

    protected VideoseqException(String message) {
        super(message);
    }

    protected VideoseqException(String message, Throwable cause) {
        super(message, cause);
    }
}
