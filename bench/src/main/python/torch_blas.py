"""Prints, as one JSON line, which BLAS library PyTorch runs its matrix products on, and OpenBLAS's core.

  /usr/bin/python3 torch_blas.py

Debian's PyTorch calls whatever libblas.so.3 the alternatives system points at: the reference BLAS (libblas3,
~8 GFLOP/s), OpenBLAS or BLIS. `videoseq bench --torch` runs this first to give the anchor its best BLAS and to
report which kernels each side ran. {"blas_library": path, "openblas_core": name or null, "openblas_threads": n}
"""
import ctypes
import json
import os

import torch  # noqa: F401  (loads libtorch_cpu and, with it, the BLAS)

torch.mm(torch.ones(2, 2), torch.ones(2, 2))
libraries = []
with open('/proc/self/maps') as maps:
    for line in maps:
        path = line.split()[-1] if len(line.split()) >= 6 else ''
        name = os.path.basename(path)
        if path not in libraries and ('blas' in name or 'mkl_rt' in name or 'blis' in name):
            libraries.append(path)
core = None
threads = None
library = libraries[0] if libraries else None
for path in libraries:
    lib = ctypes.CDLL(path)
    if hasattr(lib, 'openblas_get_corename'):
        lib.openblas_get_corename.restype = ctypes.c_char_p
        core = lib.openblas_get_corename().decode()
        threads = lib.openblas_get_num_threads() if hasattr(lib, 'openblas_get_num_threads') else None
        library = path
        break
print(json.dumps({'blas_library': library and os.path.realpath(library), 'openblas_core': core,
                  'openblas_threads': threads}))
