"""Test helper: writes original-format checkpoints of reference.TemporalModel plus the logits PyTorch computes.

  python3 make_torch_checkpoints.py OUT_DIR

For each case NAME: OUT_DIR/NAME.pt ({'model_state_dict', 'model_config'}) and OUT_DIR/NAME.json
({'x': [B][T][F], 'lengths': [B], 'logits': [B][C]}), eval mode, padding masked (mask_padding=True).
All parameters (also biases and LayerNorm) are randomised so that every mapping matters.
"""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference import TemporalModel  # noqa: E402

CASES = {
    'bidirectional': dict(feature_dim=7, hidden_dim=6, num_classes=3, num_lstm_layers=2, num_attention_heads=3,
                          dropout=0.3, bidirectional=True, head_dims=[9, 8, 5]),
    'unidirectional': dict(feature_dim=5, hidden_dim=8, num_classes=4, num_lstm_layers=3, num_attention_heads=2,
                           dropout=0.2, bidirectional=False, head_dims=[6, 7, 3]),
}


def main(out):
    torch.manual_seed(11)
    for name, cfg in CASES.items():
        model = TemporalModel(mask_padding=True, **cfg).double().eval()
        with torch.no_grad():
            for p in model.parameters():
                p.add_(0.3 * torch.randn_like(p))
        lengths = torch.tensor([6, 2, 5], dtype=torch.int64)
        x = torch.randn(3, 6, cfg['feature_dim'], dtype=torch.float64)
        for i, n in enumerate(lengths):
            x[i, n:] = 0
        with torch.no_grad():
            logits = model(x, lengths)
        torch.save({'model_state_dict': model.state_dict(), 'model_config': dict(cfg, mask_padding=True),
                    'epoch': 3}, os.path.join(out, name + '.pt'))
        with open(os.path.join(out, name + '.json'), 'w') as f:
            json.dump({'x': x.tolist(), 'lengths': lengths.tolist(), 'logits': logits.tolist()}, f)


if __name__ == '__main__':
    main(sys.argv[1])
