"""Where the benchmarks keep their figures, so that README's table is written from them and not copied by hand.

Each benchmark takes ``--record NAME.json`` and writes what it printed as JSON (atomically); by default
``make figures`` records into ``benchmarks/results/`` and then runs ``benchmarks/update_readme.py``, which rewrites
the table between the README's ``figures`` markers from every file there.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

RESULTS = REPO / "benchmarks" / "results"


def record(kind: str, result: dict, path: Path | None) -> None:
    """Write ``result`` (with what was measured, when and on how many cores) as JSON to ``path``, if given."""
    if path is None:
        return
    from nnlib.atomic import atomic_write

    stamped = {"kind": kind, "measured": time.strftime("%Y-%m-%d"), "cores": os.cpu_count(),
               "machine": platform.machine(), **result}
    with atomic_write(path) as out:
        out.write(json.dumps(stamped, indent=1).encode())
    print(f"recorded in {path}")


def read_all(folder: Path = RESULTS) -> dict[str, dict]:
    """Every recorded result in ``folder``, by file name without ``.json``."""
    return {p.stem: json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))}
