package io.videoseq.model;

/**
 * The old name of {@link io.videoseq.model.layers.PackedBidirectional}, kept so that saved models still load: the
 * LSTM layers of models from before {@code BiLstm} are {@code MaskedRecurrent(PackedBidirectional(LSTM))}, and
 * DL4J resolves the {@code "@class"} names of their {@code configuration.json} with {@code Class.forName}. Jackson
 * then builds this subclass, which behaves exactly as the moved class. A graph loaded from such a file writes this
 * name again when saved, so the alias has to stay as long as those files may be loaded; {@code OldCheckpointsTest}
 * (app) fails without it; listed in {@code io.videoseq.model.io.LegacyTypes}. Do not use in new code.
 */
@Deprecated
public class PackedBidirectional extends io.videoseq.model.layers.PackedBidirectional {

    /** For JSON deserialization: mode and both directions are set from their properties. */
    public PackedBidirectional() {
    }
}
