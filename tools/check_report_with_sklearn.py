"""Recomputes an evaluate report's metrics with scikit-learn from predict's probabilities, and compares.

  /usr/bin/python3 tools/check_report_with_sklearn.py preds.csv report.json standard|tta [tolerance]

preds.csv is what `videoseq predict` wrote for the same labelled file and models (with --tta for the tta block);
report.json is what `videoseq evaluate --out` wrote. The metrics are computed exactly as the golden file
(tools/make_metrics_golden.py, whose definitions are imported) from the CSV's prob_ columns (6 decimals) and its
true_label column; every number of the report block's new keys must agree within the tolerance (default 1e-4:
the CSV rounds probabilities to 1e-6). Prints one line per key and exits 1 on any disagreement.
"""
import csv
import json
import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_metrics_golden import case  # noqa: E402

KEYS = ['per_class_precision', 'per_class_recall', 'macro_f1', 'balanced_accuracy', 'top_k_accuracy',
        'roc_auc_ovr_macro', 'roc_auc_ovr_per_class', 'log_loss', 'brier', 'ece', 'confusion_normalized']


def flat(v):
    if v is None:
        return [None]
    if isinstance(v, list):
        return [x for item in v for x in flat(item)]
    return [float(v)]


def main(preds_path, report_path, block, tol):
    with open(preds_path, newline='') as f:
        rows = list(csv.DictReader(f))
    classes = sum(1 for k in rows[0] if k.startswith('prob_'))
    y = np.array([int(r['true_label']) for r in rows])
    p = np.array([[float(r['prob_%d' % c]) for c in range(classes)] for r in rows])
    with open(report_path) as f:
        report = json.load(f)[block]
    want = case('check', y, p)
    bad = 0
    for key in KEYS:
        a, b = flat(want[key]), flat(report[key])
        if len(a) != len(b):
            print('%-22s length %d (sklearn) vs %d (report)' % (key, len(a), len(b)))
            bad += 1
            continue
        worst = 0.0
        for x, z in zip(a, b):
            if x is None or z is None or (isinstance(z, float) and math.isnan(z)):
                if not ((x is None) and (z is None or math.isnan(z))):
                    worst = math.inf
                continue
            worst = max(worst, abs(x - z))
        ok = worst <= tol
        bad += 0 if ok else 1
        print('%-22s max |diff| %.3g %s' % (key, worst, 'ok' if ok else 'DIFFERS'))
    print('%d videos, %d classes, block %s: %s' % (len(y), classes, block, 'agree' if bad == 0 else 'DISAGREE'))
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]) if len(sys.argv) > 4 else 1e-4)
