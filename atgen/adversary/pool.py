"""The curriculum pool: each instance's current buggy code and its history, in SQLite in the run directory.

One process writes (the trainer's driver; a lock file refuses a second writer), one transaction per step,
so a crash loses at most the step in flight. `rollback_to(step)` undoes the steps after a checkpoint's
step on resume. Readers (`atgen pool show`) open the database read-only, also while training runs.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from dataclasses import asdict, replace
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from atgen.adversary.types import AdversaryStepReport, Miss, Replacement
from atgen.data.record import GoldTest, TestGenRecord
from atgen.testcase import TestCase

POOL_FILENAME = "curriculum_pool.sqlite"
SCHEMA_VERSION = "1"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS instances (instance_id TEXT PRIMARY KEY, initial_code TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS steps (step INTEGER PRIMARY KEY, report TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS replacements (
    step INTEGER NOT NULL, instance_id TEXT NOT NULL, old_code TEXT NOT NULL, new_code TEXT NOT NULL,
    generator TEXT NOT NULL, evaded TEXT NOT NULL, failed_gold_index INTEGER NOT NULL,
    failed_gold TEXT NOT NULL, hardness INTEGER NOT NULL, candidates_tried INTEGER NOT NULL,
    rounds INTEGER NOT NULL, PRIMARY KEY (step, instance_id));
CREATE TABLE IF NOT EXISTS misses (
    step INTEGER NOT NULL, instance_id TEXT NOT NULL, reason TEXT NOT NULL,
    candidates_tried INTEGER NOT NULL, rounds INTEGER NOT NULL, PRIMARY KEY (step, instance_id));
"""


class PoolLockedError(RuntimeError):
    """Another process has the pool open for writing."""


def pool_path(path: str | Path) -> Path:
    """The database file: `path` itself, or the pool file inside it when `path` is a (run) directory."""
    path = Path(path)
    return path / POOL_FILENAME if path.is_dir() else path


class CurriculumPool:
    """Current buggy code per instance plus its history. Thread-safe (the adversary may commit from a
    background worker while the trainer reads current records)."""

    def __init__(
        self, connection: sqlite3.Connection, records: dict[str, TestGenRecord], lock: IO[str] | None
    ) -> None:
        self._db = connection
        self._records = records
        self._lock_file = lock
        self._mutex = threading.RLock()
        self._current: dict[str, str] = {}
        self._reload()

    @classmethod
    def open(cls, path: str | Path, records: Sequence[TestGenRecord]) -> CurriculumPool:
        """Creates or reopens the pool for writing; `records` seed each new instance's initial buggy code.
        A reopened pool must have been seeded with the same buggy code (else ValueError)."""
        path = pool_path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = _take_writer_lock(path)
        try:
            db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA synchronous=FULL")
            db.executescript(_SCHEMA)
            _check_version(db)
            by_id = {record.instance_id: record for record in records}
            _seed(db, by_id)
        except BaseException:
            lock.close()
            raise
        return cls(db, by_id, lock)

    @classmethod
    def open_readonly(cls, path: str | Path) -> CurriculumPool:
        """For inspection: no records (current_record is unavailable), nothing can be written."""
        path = pool_path(path)
        if not path.is_file():
            raise FileNotFoundError(f"no curriculum pool at {path}")
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        db.execute("PRAGMA busy_timeout = 10000")
        return cls(db, {}, None)

    def _reload(self) -> None:
        rows = self._db.execute("SELECT instance_id, initial_code FROM instances").fetchall()
        current = dict(rows)
        latest = "SELECT instance_id, new_code FROM replacements ORDER BY step"
        current.update(self._db.execute(latest).fetchall())
        self._current = current

    def instance_ids(self) -> list[str]:
        with self._mutex:
            return sorted(self._current)

    def current_code(self, instance_id: str) -> str:
        with self._mutex:
            if instance_id not in self._current:
                raise KeyError(f"instance {instance_id!r} is not in the curriculum pool")
            return self._current[instance_id]

    def current_record(self, instance_id: str) -> TestGenRecord:
        """The instance's record with its current buggy code."""
        record = self._records.get(instance_id)
        if record is None:
            raise KeyError(f"instance {instance_id!r}: the pool was not opened with its record")
        return replace(record, buggy_code=self.current_code(instance_id))

    def last_step(self) -> int:
        """The last committed step; -1 when nothing is committed."""
        with self._mutex:
            (step,) = self._db.execute("SELECT COALESCE(MAX(step), -1) FROM steps").fetchone()
            return int(step)

    def commit_step(
        self, report: AdversaryStepReport, replacements: Sequence[Replacement], misses: Sequence[Miss]
    ) -> None:
        """Record one step in one transaction; steps must increase (rollback_to first on resume)."""
        self._check_writable()
        with self._mutex:
            last = self.last_step()
            if report.step <= last:
                raise ValueError(
                    f"step {report.step} is not after the last committed step {last}; "
                    f"call rollback_to({report.step - 1}) first when resuming"
                )
            with self._transaction():
                self._db.execute("INSERT INTO steps VALUES (?, ?)", (report.step, json.dumps(asdict(report))))
                self._db.executemany(
                    "INSERT INTO replacements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [_replacement_row(report.step, item) for item in replacements],
                )
                self._db.executemany(
                    "INSERT INTO misses VALUES (?, ?, ?, ?, ?)",
                    [(report.step, m.instance_id, m.reason, m.candidates_tried, m.rounds) for m in misses],
                )
            for item in replacements:
                self._current[item.instance_id] = item.new_code

    def rollback_to(self, step: int) -> None:
        """Drop every change committed after `step` (a checkpoint's step); -1 drops everything."""
        self._check_writable()
        with self._mutex:
            with self._transaction():
                for table in ("steps", "replacements", "misses"):
                    self._db.execute(f"DELETE FROM {table} WHERE step > ?", (step,))
            self._reload()

    def replacements(self, instance_id: str | None = None) -> list[tuple[int, Replacement]]:
        """(step, replacement) in step order, of one instance or all."""
        return [(row[0], _replacement_from_row(row)) for row in self._rows("replacements", instance_id)]

    def misses(self, instance_id: str | None = None) -> list[tuple[int, Miss]]:
        return [(row[0], Miss(*row[1:])) for row in self._rows("misses", instance_id)]

    def _rows(self, table: str, instance_id: str | None) -> list[tuple[Any, ...]]:
        where, args = ("WHERE instance_id = ?", [instance_id]) if instance_id is not None else ("", [])
        with self._mutex:
            cursor = self._db.execute(f"SELECT * FROM {table} {where} ORDER BY step, instance_id", args)
            return cursor.fetchall()

    def step_reports(self) -> list[dict[str, Any]]:
        """Every committed step's report, as the JSON object stored."""
        with self._mutex:
            rows = self._db.execute("SELECT report FROM steps ORDER BY step").fetchall()
        return [json.loads(row[0]) for row in rows]

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _check_writable(self) -> None:
        if self._lock_file is None:
            raise PermissionError("this pool was opened read-only")

    def close(self) -> None:
        with self._mutex:
            self._db.close()
            if self._lock_file is not None:
                self._lock_file.close()  # closing the file releases the lock

    def __enter__(self) -> CurriculumPool:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def _take_writer_lock(path: Path) -> IO[str]:
    lock = (path.parent / (path.name + ".lock")).open("w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as error:
        lock.close()
        raise PoolLockedError(f"{path} is open for writing in another process") from error
    return lock


def _check_version(db: sqlite3.Connection) -> None:
    db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
    (version,) = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if version != SCHEMA_VERSION:
        raise ValueError(f"pool schema version {version}, this atgen reads version {SCHEMA_VERSION}")


def _seed(db: sqlite3.Connection, records: dict[str, TestGenRecord]) -> None:
    known = dict(db.execute("SELECT instance_id, initial_code FROM instances").fetchall())
    changed = [key for key, record in records.items() if key in known and known[key] != record.buggy_code]
    if changed:
        raise ValueError(
            f"the pool was created from different buggy code for {len(changed)} instance(s), e.g. "
            f"{changed[0]!r}: open it with the records it was created from (or use a new run directory)"
        )
    new = [(key, record.buggy_code) for key, record in records.items() if key not in known]
    db.execute("BEGIN IMMEDIATE")
    db.executemany("INSERT INTO instances VALUES (?, ?)", new)
    db.execute("COMMIT")


def _replacement_row(step: int, item: Replacement) -> tuple[Any, ...]:
    evaded = json.dumps([[test.input, test.output] for test in item.evaded])
    failed = json.dumps([item.failed_gold.input, item.failed_gold.output])
    return (
        step,
        item.instance_id,
        item.old_code,
        item.new_code,
        item.generator,
        evaded,
        item.failed_gold_index,
        failed,
        item.hardness,
        item.candidates_tried,
        item.rounds,
    )


def _replacement_from_row(row: tuple[Any, ...]) -> Replacement:
    evaded = tuple(TestCase(test_input, output) for test_input, output in json.loads(row[5]))
    return Replacement(
        instance_id=row[1],
        old_code=row[2],
        new_code=row[3],
        generator=row[4],
        evaded=evaded,
        failed_gold_index=row[6],
        failed_gold=GoldTest(*json.loads(row[7])),
        hardness=row[8],
        candidates_tried=row[9],
        rounds=row[10],
    )
