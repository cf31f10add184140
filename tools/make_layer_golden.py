"""Golden values for videoseq's custom DL4J layers (io.videoseq.model.layers), computed with PyTorch in float64.

Writes model/src/test/resources/io/videoseq/model/layers/layer_golden.json (or the path given as argv[1]).
Semantics are those of reference.py's TemporalModel with mask_padding=True:
  attention: LayerNorm(x + MultiheadAttention(x, x, x, key_padding_mask=pad)), padded output rows set to 0
  pooling:   Linear(E,H) -> LayerNorm(H) -> Tanh -> Linear(H,1), scores of padded steps -inf, softmax over
             time, weighted sum of x
  linear:    ReLU(LayerNorm(Linear(F,H)(x))), padded output rows set to 0
Weights are in PyTorch orientation ([out, in]); x is batch-first [b][T][E]; padded steps hold random values
(not zeros) so that a leak through the mask would show. Run: /usr/bin/python3 tools/make_layer_golden.py
"""
import json
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(20240607)
torch.set_default_dtype(torch.float64)

B, T, E, HEADS, HP, FIN = 3, 5, 8, 2, 4, 6
lengths = torch.tensor([5, 3, 1])
pad = torch.arange(T)[None, :] >= lengths[:, None]  # True where padded


def randomize(module):
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(torch.randn_like(p) * 0.5)
    return module


def tolist(t):
    return t.detach().tolist()


x = torch.randn(B, T, E)

mha = randomize(nn.MultiheadAttention(E, HEADS, dropout=0.0, batch_first=True))
ln = randomize(nn.LayerNorm(E))
mha.eval()
att, _ = mha(x, x, x, key_padding_mask=pad)
att_out = ln(x + att).masked_fill(pad[:, :, None], 0.0)

pool = randomize(nn.Sequential(nn.Linear(E, HP), nn.LayerNorm(HP), nn.Tanh(), nn.Dropout(0.0), nn.Linear(HP, 1)))
scores = pool(x).masked_fill(pad[:, :, None], float('-inf'))
weights = F.softmax(scores, dim=1)
pooled = (x * weights).sum(dim=1)

xf = torch.randn(B, T, FIN)
lin = randomize(nn.Sequential(nn.Linear(FIN, E), nn.LayerNorm(E), nn.ReLU()))
lin_out = lin(xf).masked_fill(pad[:, :, None], 0.0)

golden = {
    "note": "float64; PyTorch orientation weights [out,in]; inputs batch-first [b][T][n]; padded rows of "
            "sequence outputs are 0",
    "lengths": tolist(lengths),
    "x": tolist(x),
    "attention": {
        "num_heads": HEADS,
        "in_proj_weight": tolist(mha.in_proj_weight), "in_proj_bias": tolist(mha.in_proj_bias),
        "out_proj_weight": tolist(mha.out_proj.weight), "out_proj_bias": tolist(mha.out_proj.bias),
        "norm_weight": tolist(ln.weight), "norm_bias": tolist(ln.bias),
        "output": tolist(att_out),
    },
    "pooling": {
        "w1": tolist(pool[0].weight), "b1": tolist(pool[0].bias),
        "norm_weight": tolist(pool[1].weight), "norm_bias": tolist(pool[1].bias),
        "w2": tolist(pool[4].weight), "b2": tolist(pool[4].bias),
        "output": tolist(pooled),
    },
    "linear": {
        "x": tolist(xf),
        "weight": tolist(lin[0].weight), "bias": tolist(lin[0].bias),
        "norm_weight": tolist(lin[1].weight), "norm_bias": tolist(lin[1].bias),
        "output": tolist(lin_out),
    },
}

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..",
    "model/src/test/resources/io/videoseq/model/layers/layer_golden.json")
tmp = out + ".tmp"
os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
with open(tmp, "w") as f:
    json.dump(golden, f, indent=1)
    f.flush()
    os.fsync(f.fileno())
os.replace(tmp, out)
print("wrote", out)
