"""Peak memory with the whole city's plans loaded (14 departments × 30 goals × 10 years).

Measured in a child process (memory_probe.py: its peak resident size, VmHWM on Linux,
else ru_maxrss) against the same process having only imported the app. The issue sets no
budget: the figure is reported. Skipped where the ``resource`` module does not exist
(Windows).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from .measure import ROOT, Context, Figure, median, python

PROBE = Path(__file__).with_name("memory_probe.py")


def run(ctx: Context) -> list[Figure]:
    try:
        import resource  # noqa: F401
    except ImportError:
        return [Figure("peak memory, city loaded", 0.0, "MB", 0, note="skipped: no resource module here")]
    runs = ctx.runs(3, 1)
    probes = [_probe(ctx) for _ in range(runs)]
    loaded = median([p["loaded"] for p in probes])
    imported = median([p["imported"] for p in probes])
    return [Figure("peak memory, city loaded", loaded, "MB", runs, reference="app imported only",
                   reference_value=imported,
                   note=f"{probes[0]['plans']} plans, {probes[0]['goals']:,} goals and the search index; "
                        f"+{loaded - imported:.0f} MB; no budget in the issue")]


def _probe(ctx: Context) -> dict:
    done = subprocess.run([python(), str(PROBE), str(ctx.city)], env=ctx.env, cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])
