package io.videoseq.app.run;

import io.videoseq.training.checkpoint.CheckpointMetadata;
import io.videoseq.training.checkpoint.CheckpointStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * On Ctrl-C or SIGTERM during training, says in one line which epoch is saved and the exact command that resumes.
 * The epoch itself is already on disk ({@code {name}_last.zip} after every epoch), and the JVM's own signal
 * handling gives the exit code (130 for SIGINT, 143 for SIGTERM) and runs the hook that deletes temporary files
 * still being written; this class only reports. Closing it (the command returned or failed) removes the hook.
 */
public final class InterruptNotice implements AutoCloseable {

    /**
     * Where the notice goes and what it quotes.
     *
     * @param err   the command's error stream
     * @param label the command's name, e.g. {@code videoseq train}, that starts the line
     * @param args  the command line's original arguments, subcommand included
     */
    public record Target(PrintWriter err, String label, List<String> args) {
        public Target {
            args = List.copyOf(args);
        }
    }

    private final Target target;
    private final CheckpointStore store;
    private volatile String currentModel;
    private ShutdownNotice notice;

    private InterruptNotice(Target target, Path checkpointDir) {
        this.target = target;
        this.store = new CheckpointStore(checkpointDir);
    }

    /** Registers the notice until {@link #close()}; a null target (a command with no resume) registers none. */
    public static InterruptNotice install(Target target, Path checkpointDir) {
        InterruptNotice n = new InterruptNotice(target, checkpointDir);
        if (target != null) {
            n.notice = ShutdownNotice.install(target.err(), n::line);
        }
        return n;
    }

    /** The model now being trained (an ensemble trains several in turn). */
    public void modelStarted(String modelName) {
        currentModel = modelName;
    }

    /** The line printed for an interrupt now. */
    String message() {
        String resume = String.join(" ", resumeCommand(target.args()));
        String model = currentModel;
        if (model == null) {
            return "interrupted during start-up, before anything was saved; run again with: " + resume;
        }
        Optional<Path> latest = Optional.empty();
        try {
            latest = store.latest(model);
        } catch (RuntimeException unreadable) {
            // Reported as "nothing saved" below: the notice must not fail the shutdown.
        }
        if (latest.isEmpty()) {
            return "interrupted: model '" + model + "' has no epoch saved yet; run again with: " + resume;
        }
        CheckpointMetadata m = CheckpointStore.readMetadata(latest.get());
        return "interrupted: model '" + model + "' has epoch " + m.epoch() + " of " + m.trainConfig().epochs()
                + " saved in " + latest.get() + "; resume with: " + resume;
    }

    /** The same command with {@code --resume latest} instead of any {@code --resume X} or {@code --force}. */
    static List<String> resumeCommand(List<String> args) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--force") || a.startsWith("--resume=")) {
                continue;
            }
            if (a.equals("--resume")) {
                i++;
                continue;
            }
            kept.add(a);
        }
        kept.add("--resume");
        kept.add("latest");
        return sameCommand(kept);
    }

    /**
     * {@code args} as a command to paste, started as the user started videoseq: the launcher passes the name it was
     * called by ({@code ./videoseq}, {@code bin/videoseq}) as {@code videoseq.program}.
     */
    public static List<String> sameCommand(List<String> args) {
        String program = System.getProperty("videoseq.program", "videoseq");
        List<String> out = new ArrayList<>(List.of(program.isBlank() ? "videoseq" : program));
        for (String a : args) {
            out.add(a.contains(" ") ? "'" + a + "'" : a);
        }
        return out;
    }

    /** The whole line, never failing: the notice must not fail the shutdown. */
    private String line() {
        String line;
        try {
            line = message();
        } catch (RuntimeException e) {
            line = "interrupted; the newest checkpoint could not be read (" + e.getMessage() + ")";
        }
        return target.label() + ": " + line;
    }

    @Override
    public void close() {
        if (notice != null) {
            notice.close();
        }
    }
}
