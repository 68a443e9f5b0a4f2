"""Child process of the memory benchmark: peak memory after importing the app, then with the city loaded.

``python tests/benchmarks/memory_probe.py DATA_DIR`` prints one JSON line. "Loaded" is the
largest state the window reaches: every plan of every year read into domain objects and
the search index over all of them (what a search across years builds).
"""

import json
import resource
import sys
from pathlib import Path


def peak_mb() -> float:
    """Peak resident memory of this process.

    On Linux ru_maxrss also keeps the size of the parent's memory that fork copied before
    exec (the benchmark process, well over 100 MB), so the kernel's high-water mark of this
    process image itself (VmHWM) is read instead.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 2**10  # kB
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10  # bytes on macOS, KiB elsewhere


import hoshin_desktop.app  # noqa: E402  (what a start of the window imports)
import hoshin_desktop.ui.main_window  # noqa: E402,F401

imported = peak_mb()

from hoshin_desktop.services.search import SearchIndex  # noqa: E402
from hoshin_desktop.services.session import Session  # noqa: E402

session = Session.open(Path(sys.argv[1]))
plans = [session.load_plan(year, department) for year, department, _ in session.plan_keys()]
index = SearchIndex(session)
index.ensure_built()
print(json.dumps({"imported": imported, "loaded": peak_mb(), "plans": len(plans),
                  "goals": sum(len(plan.goals) for plan in plans)}))
session.close()
