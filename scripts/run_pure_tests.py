"""Run the pure-Python tests (tests/pure) and print "<passed> <failed>" on the last line.

The full unittest report goes to the file given as first argument."""

import sys
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    try:
        from hypothesis import settings
    except ImportError:  # the property tests then fail on their own import
        pass
    else:
        # the same examples on every run: CI must not fail at random
        settings.register_profile("ci", derandomize=True, database=None)
        settings.load_profile("ci")
    log_path = sys.argv[1] if len(sys.argv) > 1 else None
    suite = unittest.defaultTestLoader.discover(
        str(ROOT / "tests" / "pure"), top_level_dir=str(ROOT / "tests" / "pure")
    )
    stream = open(log_path, "w", encoding="utf-8") if log_path else sys.stderr  # noqa: SIM115
    result = unittest.TextTestRunner(stream=stream, verbosity=2).run(suite)
    if log_path:
        stream.close()
    failed = len(result.failures) + len(result.errors) + len(result.skipped) + len(result.unexpectedSuccesses)
    if not result.testsRun:
        failed += 1
    print(result.testsRun - failed + (0 if result.testsRun else 1), failed)


if __name__ == "__main__":
    main()
