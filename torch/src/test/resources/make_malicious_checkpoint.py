"""Test helper: writes a .pt whose pickle would run a shell command when loaded the unsafe way.

  python3 make_malicious_checkpoint.py OUT.pt MARKER VARIANT

torch.load(OUT.pt) without weights_only would call os.system('touch MARKER'); the export tool must refuse the
file instead, so MARKER never appears. VARIANT is 'plain' (the payload is the first thing torch's weights-only
unpickler meets), 'after_float' (a float comes first: torch 1.13's weights-only unpickler stops at the float,
so the tool's fallback unpickler meets the payload) or 'legacy_after_float' (the same in the pre-1.6 format).
"""
import os
import shlex
import sys

import torch


class RunsCode:
    def __reduce__(self):
        return os.system, ('touch ' + shlex.quote(sys.argv[2]),)


out, variant = sys.argv[1], sys.argv[3]
ckpt = {'model_state_dict': {'head.weight': torch.zeros(2, 2)}}
if variant != 'plain':
    ckpt['model_config'] = {'dropout': 0.4}
ckpt['payload'] = RunsCode()
torch.save(ckpt, out, _use_new_zipfile_serialization=not variant.startswith('legacy'))
