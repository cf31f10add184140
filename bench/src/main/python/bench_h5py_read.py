"""h5py baseline for the data-pipeline benchmark: reads every video's real frames, one hyperslab per video.

  /usr/bin/python3 bench/src/main/python/bench_h5py_read.py FILE

Prints sequences/s (best of 3 passes) in file order and in a random order (as a sampler would draw them).
"""
import sys
import time

import h5py
import numpy as np


def run(path, order, name):
    with h5py.File(path, 'r') as f:
        feats, frames = f['features'], f['num_frames'][()]
        s = float('inf')
        for _ in range(3):  # best of 3 passes: the machine is shared
            t0 = time.perf_counter()
            for i in order(len(frames)):
                x = feats[i, :frames[i]]
            s = min(s, time.perf_counter() - t0)
        print(f'| h5py {h5py.version.version} | {name} | {len(frames) / s:.0f} | {s:.1f} |')


def main():
    path = sys.argv[1]
    rng = np.random.default_rng(0)
    run(path, lambda n: range(n), 'file order')
    run(path, lambda n: rng.integers(0, n, n), 'random order')


if __name__ == '__main__':
    main()
