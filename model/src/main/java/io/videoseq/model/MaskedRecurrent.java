package io.videoseq.model;

/**
 * The old name of {@link io.videoseq.model.layers.MaskedRecurrent}, kept so that saved models still load. DL4J
 * writes each layer's full class name into a model zip's {@code configuration.json} ({@code "@class"}) and
 * resolves it with {@code Class.forName} when loading; every unidirectional checkpoint (its LSTM layers) and every
 * model from before {@code BiLstm} names this class. Jackson then builds this subclass, which behaves exactly as
 * the moved class. A graph loaded from such a file writes this name again when saved, so the alias has to stay as
 * long as those files may be loaded; {@code OldCheckpointsTest} (app) fails without it. Listed in
 * {@code io.videoseq.model.io.LegacyTypes}. Do not use in new code.
 */
@Deprecated
public class MaskedRecurrent extends io.videoseq.model.layers.MaskedRecurrent {

    /** For JSON deserialization: the wrapped layer is set from the {@code underlying} property. */
    public MaskedRecurrent() {
    }
}
