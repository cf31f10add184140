package io.videoseq.app;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;

/**
 * The single place that decides whether a failure is the user's (exit 2) or ours (exit 1).
 *
 * <p>The cause chain is searched because DL4J iterators and Jackson wrap the exceptions thrown by our readers
 * and record constructors. An {@link IllegalArgumentException} counts as bad input only when one of our own
 * classes threw it (configuration records validate their arguments that way); one thrown inside ND4J is a bug.
 */
final class ErrorClassifier {
    /** Typed input errors of the library modules, by name: the app must not fail to load without them. */
    private static final Set<String> USER_INPUT_TYPES = Set.of(
            "io.videoseq.data.FeatureFileException", "io.videoseq.model.TorchImportException",
            "io.videoseq.model.io.ModelFileException");

    private ErrorClassifier() {
    }

    /** The exception that explains a user-input failure, if {@code error} is one. */
    static Optional<Throwable> userInputCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (isUserInput(t)) {
                return Optional.of(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    private static boolean isUserInput(Throwable t) {
        if (t instanceof UserInputException || t instanceof CommandLine.ParameterException
                || t instanceof NoSuchFileException || t instanceof FileAlreadyExistsException
                || t instanceof NotDirectoryException || t instanceof AccessDeniedException) {
            return true;
        }
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (USER_INPUT_TYPES.contains(c.getName())) {
                return true;
            }
        }
        return t instanceof IllegalArgumentException && thrownByVideoseq(t);
    }

    private static boolean thrownByVideoseq(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith("io.videoseq.");
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
        }
        if (message == null || message.isBlank()) {
            message = t.getClass().getName();
        }
        return message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
