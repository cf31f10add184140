"""Writes the probability-metric golden cases (scikit-learn + numpy) for MetricsReport / ProbabilityMetrics.

  /usr/bin/python3 tools/make_metrics_golden.py training/src/test/resources/probability_metrics.json

Rates (precision, recall, macro F1, balanced and top-2 accuracy) are percent, like the report; AUC, log-loss,
Brier, ECE and the normalised confusion matrix are plain numbers. Probabilities are float64 rows of a softmax
so the Java side reads exactly what scikit-learn saw.

- brier is the multi-class Brier score (mean over videos of the squared distance between the probability vector
  and the one-hot label, range [0, 2]), computed with numpy: sklearn's brier_score_loss is binary only.
- ece is computed with numpy: 15 equal-width bins on the top probability, edges np.linspace(0, 1, 16), a video in
  bin b when lo < conf <= hi, sum over bins of |accuracy - mean confidence| * bin size / n.
- roc_auc per class is roc_auc_score(y == c, p[:, c]) (label_binarize columns; for two classes label_binarize
  has one column, so both classes are done this way). A class without positives or without negatives has no
  AUC: null, and the macro is the mean over the classes that have one (sklearn refuses such input, so for the
  case that has one the macro here is numpy's mean of sklearn's per-class values). Where every class has both,
  the macro is sklearn's roc_auc_score(multi_class='ovr', average='macro') (binary: roc_auc_score(y, p[:, 1])).
- top_k_accuracy (k = 2) is null for two classes: the true class is always among the top two.
"""
import json
import sys

import numpy as np
import sklearn
from sklearn.metrics import (balanced_accuracy_score, confusion_matrix, f1_score, log_loss,
                             precision_recall_fscore_support, roc_auc_score, top_k_accuracy_score)

ECE_BINS = 15


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def probabilities(rng, y, c, signal, damp_class=None, scale=1.5):
    """Logits with some signal on the true class; damp_class gets a large negative offset (never predicted)."""
    z = rng.normal(0.0, scale, size=(len(y), c))
    z[np.arange(len(y)), y] += signal
    if damp_class is not None:
        z[:, damp_class] -= 8.0
    return softmax(z)


def labels(rng, n, c, absent=None):
    present = [k for k in range(c) if k != absent]
    y = np.concatenate([present, rng.choice(present, size=n - len(present))])
    rng.shuffle(y)
    return y


def multiclass_brier(y, p):
    onehot = np.eye(p.shape[1])[y]
    return float(np.mean(np.sum((p - onehot) ** 2, axis=1)))


def ece(y, p):
    conf = p.max(axis=1)
    correct = (p.argmax(axis=1) == y).astype(float)
    edges = np.linspace(0.0, 1.0, ECE_BINS + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        in_bin = (conf > lo) & (conf <= hi)
        if in_bin.any():
            total += abs(correct[in_bin].mean() - conf[in_bin].mean()) * in_bin.mean()
    return float(total)


def case(name, y, p):
    c = p.shape[1]
    classes = list(range(c))
    pred = p.argmax(axis=1)
    prec, rec, _, _ = precision_recall_fscore_support(y, pred, labels=classes, zero_division=0)
    per_class_auc = []
    for k in classes:
        positives = y == k
        per_class_auc.append(float(roc_auc_score(positives.astype(int), p[:, k]))
                             if 0 < positives.sum() < len(y) else None)
    if all(a is not None for a in per_class_auc):
        macro_auc = float(roc_auc_score(y, p[:, 1]) if c == 2 else
                          roc_auc_score(y, p, multi_class='ovr', average='macro', labels=classes))
    else:
        macro_auc = float(np.mean([a for a in per_class_auc if a is not None]))
    return {
        'name': name,
        'num_classes': c,
        'y_true': y.tolist(),
        'probabilities': p.tolist(),
        'y_pred': pred.tolist(),
        'per_class_precision': (100 * prec).tolist(),
        'per_class_recall': (100 * rec).tolist(),
        # sklearn's default labels: the classes in y_true or y_pred
        'macro_f1': 100 * float(f1_score(y, pred, average='macro', zero_division=0)),
        'balanced_accuracy': 100 * float(balanced_accuracy_score(y, pred)),
        'top_k_accuracy': None if c <= 2 else 100 * float(top_k_accuracy_score(y, p, k=2, labels=classes)),
        'roc_auc_ovr_macro': macro_auc,
        'roc_auc_ovr_per_class': per_class_auc,
        'log_loss': float(log_loss(y, p, labels=classes)),
        'brier': multiclass_brier(y, p),
        'ece': ece(y, p),
        'confusion_normalized': confusion_matrix(y, pred, labels=classes, normalize='true').tolist(),
    }


def main():
    rng = np.random.default_rng(16)
    cases = []
    y = labels(rng, 40, 2)
    cases.append(case('binary', y, probabilities(rng, y, 2, 1.0)))
    y = labels(rng, 60, 3)
    cases.append(case('three classes, class 2 never predicted', y, probabilities(rng, y, 3, 1.5, damp_class=2)))
    y = labels(rng, 80, 5)
    cases.append(case('five classes', y, probabilities(rng, y, 5, 2.0)))
    y = labels(rng, 50, 4, absent=3)
    cases.append(case('four classes, class 3 has no support but is predicted', y,
                      probabilities(rng, y, 4, 1.0, scale=2.0)))
    for c in cases:
        assert c['y_pred'].count(c['num_classes'] - 1) > 0 or c['name'].startswith('three'), c['name']
    assert 2 not in cases[1]['y_pred'] and 3 not in cases[3]['y_true'] and 3 in cases[3]['y_pred']
    with open(sys.argv[1], 'w') as f:
        json.dump({'sklearn_version': sklearn.__version__, 'numpy_version': np.__version__, 'cases': cases}, f,
                  indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()
