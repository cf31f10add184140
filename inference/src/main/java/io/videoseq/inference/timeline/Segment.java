package io.videoseq.inference.timeline;

/**
 * A stretch of a long video given one class: "0:00-3:10 walk".
 *
 * @param start          seconds from the start of the video
 * @param meanConfidence the mean, over the segment's windows, of their probability of this class
 * @param firstWindow    the index of its first window
 * @param windows        how many windows it is made of
 */
public record Segment(int classIndex, String className, double start, double end, double meanConfidence,
                      int firstWindow, int windows) {
    public double duration() {
        return end - start;
    }
}
