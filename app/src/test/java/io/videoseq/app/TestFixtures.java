package io.videoseq.app;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** What several command-line tests start from: a tiny model configuration and the PyTorch parity fixture. */
public final class TestFixtures {
    /** A `--config` file's content for a model that trains in a second. */
    public static final String TINY_CONFIG = "{\"model\": {\"hidden_dim\": 8, \"num_lstm_layers\": 1,"
            + " \"num_attention_heads\": 2, \"head_dims\": [8, 8, 8], \"dropout\": 0.1},"
            + " \"training\": {\"batch_size\": 8, \"checkpoint_every\": 1}}";

    private TestFixtures() {
    }

    /** parity.h5 (videoseq-torch's test jar: a PyTorch state_dict, 16 features, 3 classes) copied into {@code dir}. */
    public static Path parityStateDict(Path dir) throws IOException {
        Path target = dir.resolve("parity.h5");
        try (InputStream in = TestFixtures.class.getResourceAsStream("/parity.h5")) {
            assertNotNull(in, "test resource parity.h5");
            Files.copy(in, target);
        }
        return target;
    }
}
