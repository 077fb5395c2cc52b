"""Shared by the interop scripts that tests/interop.rs runs with $GENKG_PYTHON.

A script that cannot import a module it needs exits with MISSING_MODULE and names the module
on stderr, so the Rust side can skip (locally) or fail (in CI) with install instructions.
"""

import importlib
import json
import sys

MISSING_MODULE = 3


def need(name):
    try:
        return importlib.import_module(name)
    except ImportError as e:
        sys.stderr.write(f"missing python module: {name} ({e})\n")
        sys.exit(MISSING_MODULE)


def emit(result):
    json.dump(result, sys.stdout, sort_keys=True, ensure_ascii=False)
    sys.stdout.write("\n")
