package io.videoseq.app.trust;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.app.CliRunner;

/** Exit 2 with one line on stderr that names every fragment. */
final class BadInput {
    private BadInput() {
    }

    static void assertNaming(CliRunner.Run run, String... fragments) {
        run.assertBadInput(fragments[0]);
        for (String f : fragments) {
            assertTrue(run.err().contains(f), "expected '" + f + "' in: " + run.err());
        }
    }
}
