"""Test-only layouts that misbehave, in every process of a run (``tests/test_isolation.py``).

Put on ``PYTHONPATH``, this module runs at interpreter start in the command
and in each parsing worker (workers start from a clean server process, not as
copies of the command, so a monkeypatch in the test process would not reach
them).  It adds the layouts ``hang``, ``hog`` and ``crash``, which misbehave on
a document mentioning TRIGGER and parse the rest as the Osaka layout does.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from typing import Any

import extract.layouts.registry as registry


class Hostile:
    """One way of misbehaving."""

    version = "0"
    description = "test layout"

    def __init__(self, action: str) -> None:
        self.name = self.action = action

    def detect(self, blocks: Sequence[Any], context: Any) -> float:
        return 0.0

    def parse(self, blocks: Sequence[Any], context: Any) -> Any:
        if any("TRIGGER" in b.text for b in blocks):
            if self.action == "hang":
                time.sleep(3600)
            elif self.action == "hog":
                hog = []
                while True:
                    hog.append(bytearray(50 * 1024 * 1024))
            elif self.action == "crash":
                os._exit(70)
        return registry.load_layouts()["osaka-ward"].parse(blocks, context)


_real = registry.load_layouts


def _load_layouts(*, refresh: bool = False) -> Any:
    layouts = _real(refresh=refresh)
    for action in ("hang", "hog", "crash"):
        layouts.setdefault(action, Hostile(action))
    return layouts


registry.load_layouts = _load_layouts
