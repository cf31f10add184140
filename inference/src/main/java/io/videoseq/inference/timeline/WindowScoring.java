package io.videoseq.inference.timeline;

import io.videoseq.inference.VideoClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Each assembled window scored as a clip by the {@link VideoClassifier} (the one scorer: members, TTA) with its
 * attention saliency, kept for the segments and told to a {@link WindowListener} at once.
 */
public final class WindowScoring implements Consumer<WindowRows.Assembled> {
    /**
     * Windows scored between collections of ND4J's garbage: ND4J frees the native memory of its temporaries only
     * when the collector reaches their small Java objects, so without this the RSS grows with the length of the
     * video (every 64 windows let a 6-minute video's climb past 3 GB, docs/LONG_VIDEOS.md).
     */
    static final int WINDOWS_PER_GC = 8;

    private final VideoClassifier classifier;
    private final WindowListener listener;
    private final List<WindowPrediction> windows = new ArrayList<>();

    public WindowScoring(VideoClassifier classifier, WindowListener listener) {
        this.classifier = classifier;
        this.listener = listener;
    }

    @Override
    public void accept(WindowRows.Assembled a) {
        VideoClassifier.Prediction p = classifier.predict(a.rows());
        double[] saliency = classifier.saliency(a.rows());
        WindowPrediction w = new WindowPrediction(Math.toIntExact(a.index()), a.start(), a.end(), p, a.stepTimes(),
                saliency);
        windows.add(w);
        listener.window(w);
        if (windows.size() % WINDOWS_PER_GC == 0) {
            System.gc();
        }
    }

    /** The windows scored so far, in time order. */
    public List<WindowPrediction> windows() {
        return List.copyOf(windows);
    }

    /** The timeline of the windows scored, for a video ending at {@code duration} seconds. */
    public Timeline timeline(double duration, SegmentRule rule) {
        return Timeline.of(windows, duration, rule);
    }
}
