"""Stands in for PyTorch < 1.13, whose torch.load has no weights_only: the export tool must refuse to load."""
import pickle

__version__ = '1.12.1'


def load(f, map_location=None, pickle_module=pickle, **pickle_load_args):
    raise AssertionError('the export tool called torch.load although it cannot load safely')
