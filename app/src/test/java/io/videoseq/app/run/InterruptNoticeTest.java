package io.videoseq.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class InterruptNoticeTest {
    @Test
    void theResumeCommandReplacesResumeAndForce() {
        assertEquals(List.of("videoseq", "train", "--model-name", "m", "--resume", "latest"), InterruptNotice
                .resumeCommand(List.of("train", "--force", "--model-name", "m", "--resume", "best_m.zip")));
    }

    @Test
    void theResumeCommandStartsAsTheUserStartedIt() {
        String before = System.getProperty("videoseq.program");
        System.setProperty("videoseq.program", "./videoseq");
        try {
            assertEquals("./videoseq train --resume latest",
                    String.join(" ", InterruptNotice.resumeCommand(List.of("train"))));
        } finally {
            if (before == null) {
                System.clearProperty("videoseq.program");
            } else {
                System.setProperty("videoseq.program", before);
            }
        }
    }
}
