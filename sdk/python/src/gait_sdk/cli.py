"""Asks the ``gait`` command: ``gate eval`` for decisions, ``run record`` for runpacks."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

from .decision import (
    ALLOW,
    INVALID_INTENT,
    INVALID_RESPONSE,
    TIMEOUT,
    UNAVAILABLE,
    GateDecision,
    decision_from_answer,
)
from .intent import IntentRequest

StrPath = Union[str, "os.PathLike[str]"]

DEFAULT_TIMEOUT_SECONDS = 30.0
# gate eval exits 0 (allow, dry_run), 3 (block) or 4 (require_approval) when it decided.
DECIDED_EXIT_CODES = frozenset({0, 3, 4})


class GaitCommandError(Exception):
    """A ``gait`` command other than a decision failed (a decision failure is a blocking decision)."""

    def __init__(self, message: str, *, exit_code: int | None = None, error_code: str | None = None,
                 stdout: str = "", stderr: str = "") -> None:
        super().__init__(message)
        self.exit_code = exit_code
        self.error_code = error_code
        self.stdout = stdout
        self.stderr = stderr


@dataclass(frozen=True)
class CommandResult:
    exit_code: int
    stdout: str
    stderr: str


@dataclass(frozen=True)
class RunRecordResult:
    """What ``gait run record --json`` reports; ``path`` is the runpack resolved against the client's directory."""

    run_id: str
    bundle: str
    path: Path
    manifest_digest: str
    signature_key_id: str | None = None
    ticket_footer: str | None = None
    warnings: tuple[str, ...] = ()
    raw: Mapping[str, Any] = field(default_factory=dict)


class CliClient:
    """Runs ``gait`` as a process per call.

    ``gait_bin`` defaults to ``$GAIT_BIN``, else ``gait`` on the ``PATH``. Relative paths (policy,
    trace files, runpacks) are resolved by ``gait`` against ``cwd`` (default: this process's).
    ``extra_args`` are appended to every ``gate eval`` (for example ``--kill-switch-state F``).
    """

    def __init__(self, policy: StrPath | None = None, *, gait_bin: StrPath | None = None, cwd: StrPath | None = None,
                 env: Mapping[str, str] | None = None, timeout: float = DEFAULT_TIMEOUT_SECONDS,
                 extra_args: Sequence[str] = ()) -> None:
        self.policy = policy
        self.gait_bin = resolve_gait_bin(gait_bin)
        self.cwd = cwd
        self.env = dict(env) if env is not None else None
        self.timeout = timeout
        self.extra_args = tuple(extra_args)

    def evaluate(self, intent: IntentRequest, *, trace_out: StrPath | None = None,
                 approval_tokens: Sequence[StrPath] = ()) -> GateDecision:
        """``gait gate eval --json`` with the intent on standard input; every failure blocks."""
        if self.policy is None:
            return GateDecision.failed(INVALID_INTENT, "CliClient has no policy to evaluate against")
        try:
            payload = intent.to_json().encode("utf-8")
        except (TypeError, ValueError) as e:
            return GateDecision.failed(INVALID_INTENT, f"the intent cannot be written as JSON: {e}")
        args = ["gate", "eval", "--policy", os.fspath(self.policy), "--intent", "-", "--json", *self.extra_args]
        if trace_out is not None:
            args += ["--trace-out", os.fspath(trace_out)]
        if approval_tokens:
            args += ["--approval-token", os.fspath(approval_tokens[0])]
            if len(approval_tokens) > 1:
                args += ["--approval-token-chain", ",".join(os.fspath(t) for t in approval_tokens[1:])]
        try:
            result = self.run(args, stdin=payload)
        except subprocess.TimeoutExpired:
            return GateDecision.failed(TIMEOUT, f"gait gate eval did not answer within {self.timeout} s",
                                       retryable=True)
        except OSError as e:
            return GateDecision.failed(UNAVAILABLE, f"cannot run {self.gait_bin}: {e}")
        try:
            answer = json.loads(result.stdout)
        except ValueError:
            return GateDecision.failed(INVALID_RESPONSE, f"gait gate eval exited {result.exit_code} without a JSON "
                                       f"answer: {_excerpt(result.stdout or result.stderr)}")
        decision = decision_from_answer(answer)
        if decision.error is None and result.exit_code not in DECIDED_EXIT_CODES:
            return GateDecision.failed(INVALID_RESPONSE, f"gait gate eval exited {result.exit_code}", raw=answer)
        if decision.verdict == ALLOW and decision.error is None and result.exit_code != 0:
            return GateDecision.failed(INVALID_RESPONSE, f"verdict allow with exit code {result.exit_code}", raw=answer)
        return decision

    def record_run(self, record_input: Mapping[str, Any], *, out_dir: StrPath | None = None, run_id: str | None = None,
                   capture_mode: str | None = None) -> RunRecordResult:
        """``gait run record --json``: the CLI computes every digest and signs the runpack.

        Raises :class:`GaitCommandError` when the runpack was not written and verified.
        """
        with tempfile.TemporaryDirectory(prefix="gait-sdk-") as work:
            input_path = Path(work, "run.json")
            input_path.write_text(json.dumps(record_input, ensure_ascii=False, allow_nan=False), encoding="utf-8")
            args = ["run", "record", "--input", str(input_path), "--json"]
            for flag, value in (("--out-dir", out_dir), ("--run-id", run_id), ("--capture-mode", capture_mode)):
                if value is not None:
                    args += [flag, os.fspath(value)]
            answer = self.run_json(args)
        bundle = answer.get("bundle")
        if not isinstance(bundle, str) or not isinstance(answer.get("run_id"), str):
            raise GaitCommandError(f"gait run record answered without run_id and bundle: {answer}")
        return RunRecordResult(
            run_id=answer["run_id"], bundle=bundle, path=Path(self.cwd or os.getcwd(), bundle).resolve(),
            manifest_digest=str(answer.get("manifest_digest", "")), signature_key_id=answer.get("signature_key_id"),
            ticket_footer=answer.get("ticket_footer"), warnings=tuple(answer.get("warnings", ())), raw=answer)

    def run_json(self, args: Sequence[str], *, stdin: bytes | None = None) -> dict[str, Any]:
        """Runs a ``--json`` command and returns its document; raises :class:`GaitCommandError` unless ``ok``."""
        try:
            result = self.run(args, stdin=stdin)
        except subprocess.TimeoutExpired as e:
            raise GaitCommandError(f"gait {' '.join(args[:2])} did not finish within {self.timeout} s") from e
        except OSError as e:
            raise GaitCommandError(f"cannot run {self.gait_bin}: {e}") from e
        try:
            answer = json.loads(result.stdout)
        except ValueError:
            answer = None
        if not isinstance(answer, dict) or answer.get("ok") is not True or result.exit_code != 0:
            error = answer.get("error") if isinstance(answer, dict) else None
            raise GaitCommandError(
                f"gait {' '.join(args[:2])} failed (exit {result.exit_code}): "
                f"{error or _excerpt(result.stdout or result.stderr)}",
                exit_code=result.exit_code, error_code=answer.get("error_code") if isinstance(answer, dict) else None,
                stdout=result.stdout, stderr=result.stderr)
        return answer

    def run(self, args: Sequence[str], *, stdin: bytes | None = None) -> CommandResult:
        """Runs ``gait`` with ``args``; raises ``OSError`` or ``subprocess.TimeoutExpired`` (the process is killed)."""
        completed = subprocess.run([self.gait_bin, *args], input=stdin, capture_output=True, cwd=self.cwd,
                                   env=self.env, timeout=self.timeout, check=False)
        return CommandResult(completed.returncode, completed.stdout.decode("utf-8", "replace"),
                             completed.stderr.decode("utf-8", "replace"))


def resolve_gait_bin(gait_bin: StrPath | None) -> str:
    """``gait_bin`` when given, else ``$GAIT_BIN``, else ``gait`` (looked up on the ``PATH``)."""
    return os.fspath(gait_bin) if gait_bin is not None else os.environ.get("GAIT_BIN") or "gait"


def _excerpt(text: str, limit: int = 300) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + "…"
