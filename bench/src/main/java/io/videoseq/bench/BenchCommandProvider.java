package io.videoseq.bench;

import io.videoseq.app.cli.CommandProvider;

/** Puts {@code videoseq bench} on the command line whenever this module is on the classpath (the launcher's). */
public final class BenchCommandProvider implements CommandProvider {
    @Override
    public Object command() {
        return new BenchCommand();
    }
}
