package io.videoseq.app;

import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import io.videoseq.core.VideoseqException;
import io.videoseq.training.run.RunRefusedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;

/**
 * The single place that decides whether a failure is the user's to fix (exit 2) or ours (exit 1).
 *
 * <p>By type: videoseq's refusals (damaged or unsuitable files, a run already in progress), usage
 * errors, and every I/O failure — a missing, unreadable or damaged file, a full disk, a read-only folder are all
 * things the user can fix; videoseq's writers name the path in the message. Only a Jackson definition error is an
 * I/O exception that means a bug. The cause chain is searched because DL4J iterators and Jackson wrap the
 * exceptions thrown by our readers. Anything else — an {@link IllegalArgumentException} from a record's or a
 * library's argument check included — is a bug: the commands map every option and config key onto the records
 * themselves and report a refused value as {@link UserInputException} naming the option.
 */
final class ErrorClassifier {
    /**
     * videoseq's refusals ({@link VideoseqException}: files, options, configuration, a locked run; the app's
     * {@link UserInputException} among them), picocli's usage errors, the trainer's refusals (an
     * {@link IllegalArgumentException} for its callers), and I/O failures (the torch importer's and the resource
     * log's are {@link IOException}s, the file writer's an {@link UncheckedIOException}).
     */
    private static final List<Class<? extends Throwable>> USER_FIXABLE = List.of(VideoseqException.class,
            CommandLine.ParameterException.class, RunRefusedException.class, UncheckedIOException.class,
            IOException.class);

    private ErrorClassifier() {
    }

    /** The exception that explains a user-fixable failure, if {@code error} is one. */
    static Optional<Throwable> userInputCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof InvalidDefinitionException) {
                return Optional.empty();
            }
            if (isUserFixable(t)) {
                return Optional.of(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    private static boolean isUserFixable(Throwable t) {
        return USER_FIXABLE.stream().anyMatch(type -> type.isInstance(t));
    }

    /** One line: newlines and runs of blanks collapse, and a message-less exception shows its type. */
    static String oneLine(Throwable t) {
        String message = t.getMessage();
        if (t instanceof NoSuchFileException e) {
            message = "no such file: " + e.getFile();
        } else if (t instanceof FileAlreadyExistsException e) {
            message = "file already exists: " + e.getFile();
        } else if (t instanceof NotDirectoryException e) {
            message = "not a directory: " + e.getFile();
        } else if (t instanceof AccessDeniedException e) {
            message = "permission denied: " + e.getFile();
        } else if (t instanceof FileSystemException e && e.getReason() != null) {
            message = e.getFile() + ": " + e.getReason();
        }
        if (message == null || message.isBlank()) {
            message = t.getClass().getName();
        }
        return message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
