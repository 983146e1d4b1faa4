"""What every loader returns: the records it could build, and every item it left out with the reason."""

from __future__ import annotations

from dataclasses import dataclass, field

from atgen.data.record import TestGenRecord
from atgen.data.report import DroppedRecord


@dataclass
class LoadResult:
    records: list[TestGenRecord] = field(default_factory=list)
    dropped: list[DroppedRecord] = field(default_factory=list)
