package io.videoseq.data;

import java.nio.file.Path;

/** File naming of the original pipeline: {@code {train,val,test}_features{suffix}.h5} in one folder. */
public final class FeatureSplits {
    private FeatureSplits() {
    }

    /**
     * @param suffix such as {@code "_multiscale"}; empty for the default naming
     */
    public static Path path(Path dir, Split split, String suffix) {
        if (suffix == null || suffix.contains("/") || suffix.contains("\\")) {
            throw new IllegalArgumentException("suffix: expected a file-name fragment without separators, found "
                    + suffix);
        }
        return dir.resolve(split.fileStem() + "_features" + suffix + ".h5");
    }
}
