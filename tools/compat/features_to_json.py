"""Writes a feature file's videos as JSON (real frames only), for tests that must not read HDF5.

  /usr/bin/python3 tools/compat/features_to_json.py app/src/test/resources/compat/test_features.h5 \
      app/src/test/resources/compat/test_features.json

{"num_frames": [n, ...], "features": [[[f0..fD-1] per frame] per video]}: consumer-test (the model-only consumer) feeds
these to a checkpoint and compares with app/src/test/resources/compat/expected.json.
"""
import json
import sys

import h5py

with h5py.File(sys.argv[1], 'r') as f:
    n = [int(x) for x in f['num_frames'][:]]
    feats = f['features'][:]
    out = {'source': sys.argv[1], 'num_frames': n,
           'features': [[[float(v) for v in feats[i, t]] for t in range(n[i])] for i in range(len(n))]}
with open(sys.argv[2], 'w') as w:
    json.dump(out, w)
    w.write('\n')
