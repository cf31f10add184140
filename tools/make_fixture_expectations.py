"""Writes what h5py reads from the shared feature fixtures, for the Java reader test.

  /usr/bin/python3 tools/make_fixture_expectations.py data/src/test/resources/features \
      data/src/test/resources/features/expected_values.json

Per file: attributes, labels, num_frames, the float64 sum and sum of squares of every video's real
frames, and the full values of three videos (first, longest, last).
"""
import glob
import json
import os
import sys

import h5py
import numpy as np


def describe(path):
    with h5py.File(path, 'r') as f:
        feats = f['features']
        labels = f['labels'][()]
        frames = f['num_frames'][()]
        sums, squares = [], []
        for i in range(len(labels)):
            x = feats[i, :frames[i]].astype(np.float64)
            sums.append(float(x.sum()))
            squares.append(float((x * x).sum()))
        picks = sorted({0, int(np.argmax(frames)), len(labels) - 1})
        full = {str(i): feats[i, :frames[i]].astype(np.float64).tolist() for i in picks}
        a = f.attrs
        return {'num_videos': int(a['num_videos']), 'max_frames': int(a['max_frames']),
                'feature_dim': int(a['feature_dim']), 'multi_scale': bool(a['multi_scale']),
                'category_mapping': json.loads(a['category_mapping']),
                'labels': labels.tolist(), 'num_frames': frames.tolist(),
                'sums': sums, 'sums_of_squares': squares, 'full_values': full}


def main():
    src, out = sys.argv[1], sys.argv[2]
    result = {os.path.basename(p): describe(p) for p in sorted(glob.glob(os.path.join(src, '*.h5')))}
    with open(out, 'w') as f:
        json.dump(result, f)


if __name__ == '__main__':
    main()
