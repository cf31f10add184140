"""Writes extended TTA golden cases (lengths 1..300) with the PyTorch reference semantics.

  /usr/bin/python3 tools/make_tta_golden.py data/src/test/resources/golden/tta_views_extended.json

speed_up/speed_down use torch.linspace(...).long(): the float32 rounding of torch's CPU linspace kernel
(vectorised in blocks, fused multiply-add in the scalar tail) decides the truncated index, so many
lengths are needed to pin it down.
"""
import json
import sys

import torch


def views(t):
    x = torch.arange(t, dtype=torch.float32)
    up = x[torch.linspace(0, t - 1, t // 2).long()] if t > 10 else x
    down = x[torch.linspace(0, t - 1, int(t * 1.5)).long().clamp(max=t - 1)] if t > 5 else x
    return {'length': t, 'reverse': torch.flip(x, dims=[0]).long().tolist(),
            'speed_up': up.long().tolist(), 'speed_down': down.long().tolist()}


def main():
    out = [views(t) for t in range(1, 301)]
    with open(sys.argv[1], 'w') as f:
        json.dump({'torch_version': torch.__version__, 'cases': out}, f)


if __name__ == '__main__':
    main()
