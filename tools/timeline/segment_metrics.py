#!/usr/bin/env python3
"""Reference for io.videoseq.inference.timeline.SegmentMetrics: per-window accuracy and segment precision/recall at a
temporal IoU threshold, greedy matching by decreasing IoU (ties: earlier predicted, then earlier true segment).
Run it to regenerate the golden numbers of SegmentMetricsTest: python3 tools/timeline/segment_metrics.py"""


def iou(a, b):
    inter = max(0.0, min(a[2], b[2]) - max(a[1], b[1]))
    if inter == 0:
        return 0.0
    return inter / (max(a[2], b[2]) - min(a[1], b[1]))


def metrics(window_centres, window_classes, predicted, truth, threshold=0.5):
    counted = right = 0
    for c, k in zip(window_centres, window_classes):
        for name, s, e in truth:
            if s <= c < e:
                counted += 1
                right += k == name
                break
    pairs = sorted(((iou(p, q), i, j) for i, p in enumerate(predicted) for j, q in enumerate(truth)
                    if p[0] == q[0]), key=lambda x: (-x[0], x[1], x[2]))
    used_p, used_q, tp = set(), set(), 0
    for v, i, j in pairs:
        if v >= threshold and i not in used_p and j not in used_q:
            used_p.add(i)
            used_q.add(j)
            tp += 1
    return right / counted, tp / len(predicted), tp / len(truth), tp, counted, right, len(predicted), len(truth)


def pooled(videos):
    """Several videos' metrics as one: counts summed (micro average), as SegmentMetrics.pooled."""
    tp, counted, right, n_pred, n_true = (sum(m[i] for m in videos) for i in (3, 4, 5, 6, 7))
    return right / counted, tp / n_pred, tp / n_true, tp, counted, right, n_pred, n_true


if __name__ == "__main__":
    # The case of SegmentMetricsTest: windows of 4 s every 2 s (centres 2, 4, ..., 20).
    centres = [2 + 2 * k for k in range(10)]
    classes = ["walk", "walk", "walk", "fall", "fall", "walk", "sit", "sit", "sit", "sit"]
    predicted = [("walk", 0, 7), ("fall", 7, 12), ("walk", 12, 13), ("sit", 13, 22)]
    truth = [("walk", 0, 8), ("fall", 8, 10), ("walk", 10, 14), ("sit", 14, 22), ("run", 22, 24)]
    first = metrics(centres, classes, predicted, truth)
    print(repr(first))
    # Pooled with a second video (PooledTest): windows of 4 s every 2 s, centres 2, 4, 6, 8.
    second = metrics([2, 4, 6, 8], ["sit", "sit", "walk", "walk"], [("sit", 0, 5), ("walk", 5, 10)],
                     [("sit", 0, 4), ("walk", 4, 10)])
    print(repr(second))
    print(repr(pooled([first, second])))
