package io.videoseq.app.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TerminalTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/dev/pts/0, true",
        "/dev/pts/17, true",
        "/dev/tty, true",
        "/dev/tty2, true",
        "/dev/ttyS0, true",
        "/dev/console, true",
        "'pipe:[123456]', false",
        "'socket:[98765]', false",
        "/dev/null, false",
        "/tmp/train.log, false",
        "'/tmp/train.log (deleted)', false",
    })
    void aStreamIsATerminalWhenItsFdLinksToATerminalDevice(String target, boolean terminal) {
        // The fallback would say the opposite: it must not be consulted when the link is known.
        assertEquals(terminal, Terminal.isTerminal(Terminal.STDERR, fd -> Optional.of(target), () -> !terminal));
    }

    @Test
    void stdoutAndStderrAreDecidedEachOnItsOwnLink() {
        // ./videoseq train 2> log, in a terminal: the bar's stream is a file though stdout is a terminal.
        Map<Integer, String> links = Map.of(Terminal.STDOUT, "/dev/pts/3", Terminal.STDERR, "/home/u/log");
        Terminal.FdLinks fake = fd -> Optional.ofNullable(links.get(fd));
        assertTrue(Terminal.isTerminal(Terminal.STDOUT, fake, () -> false));
        assertFalse(Terminal.isTerminal(Terminal.STDERR, fake, () -> true));
    }

    @Test
    void withoutProcTheConsoleDecides() {
        assertTrue(Terminal.isTerminal(Terminal.STDERR, fd -> Optional.empty(), () -> true));
        assertFalse(Terminal.isTerminal(Terminal.STDERR, fd -> Optional.empty(), () -> false));
    }
}
