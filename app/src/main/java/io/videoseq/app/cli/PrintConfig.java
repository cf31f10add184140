package io.videoseq.app.cli;

import io.videoseq.app.config.RunConfig;
import io.videoseq.training.io.Json;
import java.io.PrintWriter;

/** {@code --print-config}: the effective configuration as a {@code --config} file, so a run can be repeated. */
public final class PrintConfig {
    private PrintConfig() {
    }

    public static int print(PrintWriter out, RunConfig config) throws java.io.IOException {
        out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(config.toJson()));
        out.flush();
        return 0;
    }
}
