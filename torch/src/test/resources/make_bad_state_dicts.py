"""Test helper (run once, outputs committed): broken variants of parity.h5 for TorchImporterErrorsTest.

  /usr/bin/python3 make_bad_state_dicts.py   (in this directory)
"""
import json

import h5py
import numpy as np


def variant(name, edit):
    with h5py.File('parity.h5', 'r') as src, h5py.File(name, 'w') as dst:
        for k, v in src.attrs.items():
            dst.attrs[k] = v
        g = dst.create_group('state_dict')
        for k, v in src['state_dict'].items():
            g.create_dataset(k, data=v[()])
        edit(dst)


def wrong_shape(f):
    del f['state_dict/lstm.weight_hh_l1']
    f['state_dict'].create_dataset('lstm.weight_hh_l1', data=np.zeros((32, 9)))


def extra_key(f):
    f['state_dict'].create_dataset('lstm.weight_ih_l2', data=np.zeros((32, 16)))


def missing_key(f):
    del f['state_dict/attention.out_proj.bias']


def bad_config(f):
    f.attrs['config'] = json.dumps({'hidden_dim': 24, 'num_heads': 2})


def integer_data(f):
    del f['state_dict/classifier.12.bias']
    f['state_dict'].create_dataset('classifier.12.bias', data=np.arange(3, dtype=np.int64))


for n, e in (('bad_shape.h5', wrong_shape), ('bad_extra_key.h5', extra_key), ('bad_missing_key.h5', missing_key),
             ('bad_config.h5', bad_config), ('bad_dtype.h5', integer_data)):
    variant(n, e)
