from . import test_bench
