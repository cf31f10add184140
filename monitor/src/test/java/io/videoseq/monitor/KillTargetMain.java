package io.videoseq.monitor;

import java.nio.file.Path;
import java.time.Duration;

/** Child process of {@link ResourceMonitorKillTest}: monitors until it is killed. Args: log path, interval ms. */
public final class KillTargetMain {

    private KillTargetMain() {
    }

    public static void main(String[] args) throws Exception {
        MonitorConfig c = new MonitorConfig(Duration.ofMillis(Long.parseLong(args[1])), Path.of(args[0]));
        ResourceMonitor m = new ResourceMonitor(c);
        m.start();
        Thread.sleep(Long.MAX_VALUE);
    }
}
