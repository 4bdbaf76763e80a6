"""Run capture: collect a run's tool calls and results, then let ``gait run record`` make the runpack.

The recorder keeps raw arguments and results only; every digest, the manifest and the signature are
computed by the CLI (``docs/runpack.md`` describes the input document it writes).
"""

from __future__ import annotations

import json
import platform
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ._json import json_value, now
from .decision import GateDecision

if TYPE_CHECKING:
    from .cli import CliClient, RunRecordResult

# The two result statuses of gait.runpack.result.
OK = "ok"
ERROR = "error"
TRACE_SOURCE = "gait.trace"

# Go's names for the common machines, as Gait records them in run.env.arch.
_GO_ARCH = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64"}


class RunRecorder:
    """Records one run. Safe to share between threads that call tools concurrently."""

    def __init__(self, run_id: str, *, runtime: str = "python") -> None:
        self.run_id = run_id
        machine = platform.machine()
        self._env = {"os": platform.system().lower(), "arch": _GO_ARCH.get(machine.lower(), machine),
                     "runtime": runtime}
        self._started = now()
        self._lock = threading.Lock()
        self._intents: list[dict[str, Any]] = []
        self._results: list[dict[str, Any]] = []
        self._traces: dict[str, tuple[str, str]] = {}  # intent_id -> (trace path, decided at)

    def add_intent(self, tool_name: str, args: Mapping[str, Any], *, decision: GateDecision | None = None) -> str:
        """Records a tool call and returns its ``intent_id`` (arguments JSON cannot carry: by their repr).

        When ``decision`` names a signed trace, the runpack gets a ``gait.trace`` receipt for it, so
        the run points at the evidence of each decision.
        """
        with self._lock:
            intent_id = f"intent_{len(self._intents) + 1}"
            self._intents.append({"intent_id": intent_id, "tool_name": tool_name, "args": _recordable(args)})
            if decision is not None and decision.trace_path:
                self._traces[intent_id] = (decision.trace_path, now())
            return intent_id

    def add_result(self, intent_id: str, status: str, result: Any) -> None:
        """Records what a call returned (``ok``) or why it failed (``error``).

        A result that is not a JSON object is stored as ``{"value": result}``, one that JSON cannot
        carry as ``{"repr": repr(result)}``.
        """
        payload = _recordable(result if isinstance(result, Mapping) else {"value": result})
        with self._lock:
            if all(i["intent_id"] != intent_id for i in self._intents):
                raise ValueError(f"no recorded intent {intent_id}")
            self._results.append({"intent_id": intent_id, "status": status, "result": payload})

    def add_blocked(self, intent_id: str, decision: GateDecision) -> None:
        """Records that the gate did not allow a call: status ``error`` with the verdict and its causes.

        ``gait regress`` reads the payload's ``verdict`` as the call's recorded verdict.
        """
        result: dict[str, Any] = {"verdict": decision.verdict, "reason_codes": list(decision.reason_codes)}
        for name in ("trace_id", "error_code", "error"):
            if getattr(decision, name) is not None:
                result[name] = getattr(decision, name)
        self.add_result(intent_id, ERROR, result)

    def to_record_input(self) -> dict[str, Any]:
        """The ``gait run record --input`` document for what was recorded so far."""
        with self._lock:
            answered = {r["intent_id"] for r in self._results}
            # A trace receipt's content digest is its call's result digest, so only answered calls get one.
            receipts = [{"ref_id": f"trace_{intent_id}", "source_type": TRACE_SOURCE, "source_locator": path,
                         "retrieved_at": decided_at}
                        for intent_id, (path, decided_at) in self._traces.items() if intent_id in answered]
            return {
                "run": {"run_id": self.run_id, "created_at": self._started, "env": dict(self._env),
                        "timeline": [{"event": "start", "ts": self._started}, {"event": "finish", "ts": now()}]},
                "intents": [dict(i) for i in self._intents],
                "results": [dict(r) for r in self._results],
                "refs": {"receipts": receipts},
            }

    def record(self, cli: CliClient, *, out_dir: str | None = None, capture_mode: str | None = None) -> RunRecordResult:
        """Writes the signed runpack with ``gait run record`` (raises ``GaitCommandError`` on failure)."""
        return cli.record_run(self.to_record_input(), out_dir=out_dir, capture_mode=capture_mode)


def _recordable(obj: Mapping[str, Any]) -> Any:
    """``obj`` as a JSON object, or ``{"repr": repr(obj)}`` when JSON cannot carry it."""
    try:
        value = json_value(obj)
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        return {"repr": repr(obj)}
    return value
