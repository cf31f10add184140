#!/usr/bin/env python3
"""Export an original TemporalModel checkpoint (.pt) to the HDF5 format videoseq imports.

  python3 export_torch_checkpoint.py CHECKPOINT.pt OUT.h5

CHECKPOINT.pt is a dict with 'model_state_dict' (the TemporalModel state_dict) and 'model_config' (the
TemporalModel constructor arguments; older checkpoints lack it: 'config' is then {} and import-torch needs
--config model.json). OUT.h5 gets:
  - group 'state_dict': one float64 dataset per state_dict key, in PyTorch orientation and gate order;
  - root attribute 'config': JSON with the videoseq ModelConfig keys (feature_dim, hidden_dim, num_classes,
    num_lstm_layers, num_attention_heads, dropout, bidirectional, head_dims);
  - root attribute 'note': how to read the file.
The Java side (io.videoseq.torch.TorchImporter) transposes Linear weights, reorders LSTM gates and adds the two
LSTM biases. 'mask_padding' in model_config is dropped: videoseq always ignores padded steps.
The file is written to a temporary sibling, fsynced and renamed into place.
Needs torch >= 1.13, h5py and numpy (Debian: python3-torch python3-h5py). The .pt file is opened with
torch.load(weights_only=True): a pickle can run arbitrary code, so anything beyond tensors, numbers, strings
and containers is refused (exit 2), never executed.
"""
import argparse
import inspect
import json
import os
import pickle
import sys
import tempfile
import types

CONFIG_KEYS = ('feature_dim', 'hidden_dim', 'num_classes', 'num_lstm_layers', 'num_attention_heads',
               'dropout', 'bidirectional', 'head_dims')
IGNORED_CONFIG_KEYS = ('mask_padding',)
NOTE = ('state_dict holds the PyTorch parameters by their state_dict names (float64). LSTM gate order in PyTorch '
        'is i, f, g, o; b_ih and b_hh are added. MultiheadAttention packs q, k, v projections in '
        'in_proj_weight [3E, E].')


def fail(msg):
    print('export_torch_checkpoint: ' + msg, file=sys.stderr)
    sys.exit(2)


def model_config(ckpt, path):
    cfg = ckpt.get('model_config')
    if cfg is None:
        return {}
    if not isinstance(cfg, dict):
        fail(f'{path}: model_config: expected a dict, found {type(cfg).__name__}')
    out = {}
    for k, v in cfg.items():
        if k in IGNORED_CONFIG_KEYS:
            continue
        if k not in CONFIG_KEYS:
            fail(f'{path}: model_config: unknown key {k!r}; allowed {list(CONFIG_KEYS)}')
        if k == 'head_dims':
            v = [int(x) for x in v]
        elif k == 'dropout':
            v = float(v)
        elif k == 'bidirectional':
            v = bool(v)
        else:
            v = int(v)
        out[k] = v
    return out


def state_dict(ckpt, path):
    sd = ckpt.get('model_state_dict')
    if sd is None:
        fail(f"{path}: key 'model_state_dict' is missing; found keys {sorted(ckpt)}")
    keys = list(sd.keys())
    if keys and all(k.startswith('module.') for k in keys):  # saved from DataParallel
        sd = {k[len('module.'):]: v for k, v in sd.items()}
    return sd


def first_line(e):
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__


def allowlist_pickle(allowed):
    """A pickle module whose unpickler resolves only the globals in {'module.name': object}."""
    class Unpickler(pickle.Unpickler):
        def find_class(self, module, name):
            full = f'{module}.{name}'
            if full not in allowed:
                raise pickle.UnpicklingError(f'Unsupported class {full}')
            return allowed[full]

    module = types.ModuleType('allowlist_pickle')
    module.Unpickler = Unpickler
    module.load = lambda f, **kw: Unpickler(f, **kw).load()
    return module


def load_with_allowlist(path):
    """What torch.load(weights_only=True) would return, for torch 1.13: its weights-only unpickler cannot read
    floats (opcode BINFLOAT, pytorch/pytorch#94670, fixed in 2.0), yet every original model_config holds dropout.

    Python's own unpickler reads every opcode and, resolving only torch's weights_only allowlist, calls nothing
    else. torch.load cannot be handed that unpickler (1.13 ignores pickle_module, pytorch/pytorch#88438), so
    torch's two file readers are called with it directly."""
    from torch import serialization
    from torch._weights_only_unpickler import _get_allowed_globals
    module = allowlist_pickle(_get_allowed_globals())
    with open(path, 'rb') as f:
        if serialization._is_zipfile(f):
            with serialization._open_zipfile_reader(f) as z:
                return serialization._load(z, 'cpu', module, encoding='utf-8')
        return serialization._legacy_load(f, 'cpu', module, encoding='utf-8')


def load_checkpoint(torch, path):
    """The checkpoint's tensors, numbers, strings and containers; never anything that runs code.

    A .pt file is a pickle, and unpickling can call any function the file names (os.system, ...). weights_only
    restricts the unpickler to plain data, so a checkpoint that needs more is refused rather than executed.
    """
    if 'weights_only' not in inspect.signature(torch.load).parameters:
        fail(f'{path}: refused: torch {torch.__version__} can only load a checkpoint by running its pickle'
             ' (torch.load has no weights_only); install PyTorch >= 1.13')
    try:
        try:
            return torch.load(path, map_location='cpu', weights_only=True)
        except pickle.UnpicklingError as e:
            if 'Unsupported operand' not in str(e):  # an opcode torch's unpickler lacks, not a refused global
                raise
            try:
                return load_with_allowlist(path)
            except (ImportError, AttributeError):  # torch's private readers moved: refuse, never load unsafely
                raise e from None
    except pickle.UnpicklingError as e:
        # torch's text is "Weights only load failed. ... WeightsUnpickler error: Unsupported class posix.system"
        found = first_line(str(e).split('WeightsUnpickler error:', 1)[-1])
        fail(f'{path}: refused: the checkpoint holds more than tensors, numbers, strings and containers'
             f' ({found}) and unpickling it could run code; where it was made, re-save plain data with'
             ' torch.save({"model_state_dict": model.state_dict(), "model_config": dict(...)}, path)')
    except Exception as e:  # a file that is no checkpoint surfaces as KeyError, RuntimeError, EOFError, ...
        fail(f'{path}: not a readable PyTorch checkpoint ({type(e).__name__}: {first_line(e)})')


def export(src, dst):
    try:
        import h5py
        import torch
    except ImportError as e:
        fail(f'needs torch and h5py ({e}); Debian: apt-get install python3-torch python3-h5py')
    ckpt = load_checkpoint(torch, src)
    if not isinstance(ckpt, dict):
        fail(f'{src}: expected a dict with model_state_dict and model_config, found {type(ckpt).__name__}')
    cfg = model_config(ckpt, src)
    sd = state_dict(ckpt, src)
    directory = os.path.dirname(os.path.abspath(dst))
    fd, tmp = tempfile.mkstemp(prefix='.' + os.path.basename(dst) + '.', suffix='.tmp', dir=directory)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; give the file the usual permissions
    try:
        with h5py.File(tmp, 'w') as f:
            f.attrs['config'] = json.dumps(cfg)
            f.attrs['note'] = NOTE
            g = f.create_group('state_dict')
            for k, v in sd.items():
                g.create_dataset(k, data=v.detach().cpu().double().numpy())
        with open(tmp, 'rb+') as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dst)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
    return cfg, len(sd)


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('checkpoint', help='original .pt checkpoint')
    p.add_argument('out', help='HDF5 file to write')
    a = p.parse_args()
    if not os.path.isfile(a.checkpoint):
        fail(f'{a.checkpoint}: file not found')
    cfg, n = export(a.checkpoint, a.out)
    print(f'wrote {a.out}: {n} tensors, config {json.dumps(cfg)}')
    if not cfg:
        # The state dict alone does not say the model's dimensions; videoseq refuses to guess them.
        print(f'export_torch_checkpoint: note: {a.checkpoint} has no model_config; give the dimensions to'
              ' import-torch with --config model.json (the keys of a run config\'s "model" block)', file=sys.stderr)


if __name__ == '__main__':
    main()
