package io.videoseq.training.run;

import java.nio.file.Path;

/**
 * Child process of the crash tests: {@code train --resume latest} of the tiny run named {@code args[2]} for
 * {@code args[3]} epochs (the periodic archive every 20 epochs, so only {@code {name}_last.zip} can resume).
 */
public final class ResumeLatestMain {

    private ResumeLatestMain() {
    }

    static TrainingRequest request(Path data, Path out, String name, int epochs) {
        return TinyRun.request(data, out, name, TinyRun.config().toBuilder().epochs(epochs).checkpointEvery(20)
                .build()).withResume(ResumeFrom.latest());
    }

    public static void main(String[] args) {
        Trainer.train(request(Path.of(args[0]), Path.of(args[1]), args[2], Integer.parseInt(args[3])));
        System.out.println("FINISHED-WITHOUT-PAUSE");
    }
}
