"""Load the module's ``lib`` package without importing Odoo (the addon's own
``__init__`` imports models, which need Odoo)."""

import importlib.util
import sys
from pathlib import Path

LIB_DIR = Path(__file__).resolve().parents[2] / "lib"


def load():
    if "br_lib" in sys.modules:
        return sys.modules["br_lib"]
    spec = importlib.util.spec_from_file_location(
        "br_lib", LIB_DIR / "__init__.py", submodule_search_locations=[str(LIB_DIR)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["br_lib"] = module
    spec.loader.exec_module(module)
    return module


load()
