package io.videoseq.app.cli;

import io.videoseq.app.run.InterruptNotice;
import picocli.CommandLine.Model.CommandSpec;

/** The interrupt notice's target for a training command: its error stream, name and original arguments. */
public final class InterruptNotices {
    private InterruptNotices() {
    }

    public static InterruptNotice.Target of(CommandSpec spec) {
        return new InterruptNotice.Target(spec.commandLine().getErr(), spec.qualifiedName(),
                spec.root().commandLine().getParseResult().originalArgs());
    }
}
