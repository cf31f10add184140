package io.videoseq.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.app.CliRunner;
import io.videoseq.app.ExitCodes;
import org.junit.jupiter.api.Test;

/** The app alone has no benchmark: {@code bench} says, in one line, where to run it. */
class BenchPointerCommandTest {

    @Test
    void benchWithTheRealOptionsPointsToTheBenchModule() {
        CliRunner.Run r = CliRunner.run("bench", "--config", "small", "--steps", "5", "--torch");
        r.assertBadInput("./videoseq bench");
        assertTrue(r.err().contains("io.videoseq.bench.BenchMain"), r.err());
    }

    @Test
    void helpListsBenchAsLivingInTheBenchModule() {
        CliRunner.Run r = CliRunner.run("--help");
        assertEquals(ExitCodes.OK, r.code());
        String entry = r.out().substring(r.out().indexOf("\n  bench "), r.out().indexOf("\n  help "));
        assertTrue(entry.replaceAll("\\s+", " ").contains("(module videoseq-bench): run ./videoseq bench --help"),
                r.out());
    }
}
