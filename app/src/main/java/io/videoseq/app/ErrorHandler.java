package io.videoseq.app;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine.ParseResult;

/**
 * Maps every failure to an exit code and one line on stderr: {@link ExitCodes#BAD_INPUT} for usage errors and
 * bad input, {@link ExitCodes#INTERNAL_ERROR} for anything else. Stack traces only with {@code --verbose}.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        if (ex instanceof MissingParameterException && !cmd.getUnmatchedArguments().isEmpty()) {
            // picocli checks required options before it reports unknown ones: with the one required option
            // mistyped ('--featuers-dir'), name the typo and its nearest option rather than the option "missing".
            ex = new UnmatchedArgumentException(cmd, cmd.getUnmatchedArguments());
        }
        String name = cmd.getCommandSpec().qualifiedName();
        cmd.getErr().println(name + ": " + ErrorClassifier.oneLine(ex) + didYouMean(ex) + " (see '" + name
                + " --help')");
        if (Verbosity.requested(args)) {
            ex.printStackTrace(cmd.getErr());
        }
        cmd.getErr().flush();
        return ExitCodes.BAD_INPUT;
    }

    /** picocli's nearest names for a mistyped option or command ({@code --epoch}, {@code trian}), if any. */
    private static String didYouMean(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException u) {
            List<String> near = u.getSuggestions();
            if (!near.isEmpty()) {
                List<String> best = near.subList(0, Math.min(3, near.size()));
                String head = String.join(", ", best.subList(0, best.size() - 1));
                return "; did you mean " + (head.isEmpty() ? "" : head + " or ") + best.get(best.size() - 1) + "?";
            }
        }
        return "";
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        if (ex instanceof ParameterException pe) {
            return handleParseException(pe, parseResult.originalArgs().toArray(String[]::new));
        }
        boolean verbose = Verbosity.requested(parseResult.originalArgs().toArray(String[]::new));
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        Optional<Throwable> userCause = ErrorClassifier.userInputCause(ex);
        int code;
        if (userCause.isPresent()) {
            err.println(name + ": " + ErrorClassifier.oneLine(userCause.get()));
            code = ExitCodes.BAD_INPUT;
        } else {
            err.println(name + ": internal error: " + ex.getClass().getSimpleName() + ": "
                    + ErrorClassifier.oneLine(ex) + (verbose ? "" : " (run with --verbose for the stack trace)"));
            code = ExitCodes.INTERNAL_ERROR;
        }
        if (verbose) {
            ex.printStackTrace(err);
        } else if (code == ExitCodes.INTERNAL_ERROR) {
            LOG.debug("stack trace", ex);
        }
        err.flush();
        return code;
    }
}
