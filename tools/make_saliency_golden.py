"""Writes the attention-pooling weights PyTorch's reference model gives for the padded inputs of parity.h5.

  /usr/bin/python3 tools/make_saliency_golden.py torch/src/test/resources/parity.h5 \
      torch/src/test/resources/saliency_golden.json

The model is ../shared/reference/reference.py's TemporalModel with mask_padding=True (what videoseq computes),
loaded with parity.h5's state_dict, in eval mode, float64. The weights are the softmax over time of
attention_pooling's scores, exactly as TemporalModel.forward computes them before pooling; per video only its
real frames are written, beside the inputs (x_padded [batch, time, features], zero-padded) (the padded ones are 0 under the mask).
"""
import json
import os
import sys

import h5py
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', '..', 'shared', 'reference'))
from reference import TemporalModel  # noqa: E402


def pooling_weights(model, x, lengths):
    """TemporalModel.forward up to the pooling weights (same statements, masked branch)."""
    h = model.input_projection(x)
    packed = torch.nn.utils.rnn.pack_padded_sequence(h, lengths, batch_first=True, enforce_sorted=False)
    out, _ = model.lstm(packed)
    out, _ = torch.nn.utils.rnn.pad_packed_sequence(out, batch_first=True, total_length=x.shape[1])
    pad = torch.arange(out.shape[1])[None, :] >= lengths[:, None]
    attended, _ = model.attention(out, out, out, key_padding_mask=pad)
    attended = model.attention_norm(out + model.attention_dropout(attended))
    scores = model.attention_pooling(attended).masked_fill(pad[:, :, None], float('-inf'))
    return F.softmax(scores, dim=1)[:, :, 0], attended


def main(parity, out_path):
    with h5py.File(parity, 'r') as f:
        cfg = json.loads(f.attrs['config'])
        state = {k: torch.tensor(f['state_dict'][k][()]) for k in f['state_dict']}
        x = torch.tensor(f['x_padded'][()])
        lengths = torch.tensor(f['lengths_padded'][()])
        logits = torch.tensor(f['logits_padded_masked'][()])
    cfg['head_dims'] = tuple(cfg['head_dims'])
    model = TemporalModel(mask_padding=True, **cfg).double().eval()
    model.load_state_dict(state)
    with torch.no_grad():
        w, attended = pooling_weights(model, x, lengths)
        # the same weights must give the golden logits: proves this is the forward pass parity.h5 recorded
        again = model.classifier((attended * w[:, :, None]).sum(dim=1))
    assert torch.allclose(again, logits, atol=1e-12), 'pooling weights do not reproduce logits_padded_masked'
    rows = [w[i, :n].tolist() for i, n in enumerate(lengths.tolist())]
    with open(out_path, 'w') as f:
        json.dump({'source': 'parity.h5 x_padded / lengths_padded, reference.TemporalModel(mask_padding=True)',
                   'torch': torch.__version__, 'x_padded': x.tolist(), 'lengths': lengths.tolist(),
                   'weights': rows}, f, indent=1)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
