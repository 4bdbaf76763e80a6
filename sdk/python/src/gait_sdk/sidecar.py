"""Asks a ``gait serve`` sidecar (``POST /v1/gate/evaluate``), and starts one when asked to."""

from __future__ import annotations

import http.client
import json
import os
import queue
import subprocess
import tempfile
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping, Sequence
from typing import IO

from .cli import GaitCommandError, StrPath, resolve_gait_bin
from .decision import INVALID_INTENT, INVALID_RESPONSE, TIMEOUT, UNAVAILABLE, GateDecision, decision_from_answer
from .intent import IntentRequest

DEFAULT_TIMEOUT_SECONDS = 10.0
EVALUATE_PATH = "/v1/gate/evaluate"


class SidecarClient:
    """One HTTP request per decision to ``base_url`` (for example ``http://127.0.0.1:8787``).

    Requests go straight to the sidecar, never through an HTTP proxy from the environment.
    ``auth_token`` is sent as a bearer token (the sidecar's ``--auth-token-env``).
    """

    def __init__(self, base_url: str, *, timeout: float = DEFAULT_TIMEOUT_SECONDS,
                 auth_token: str | None = None) -> None:
        parsed = urllib.parse.urlsplit(base_url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise ValueError(f"not an http(s) URL: {base_url!r}")
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.auth_token = auth_token
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def evaluate(self, intent: IntentRequest) -> GateDecision:
        """The sidecar's decision; an unreachable sidecar, an HTTP error or an odd answer blocks."""
        try:
            body = intent.to_json().encode("utf-8")
        except (TypeError, ValueError) as e:
            return GateDecision.failed(INVALID_INTENT, f"the intent cannot be written as JSON: {e}")
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.auth_token is not None:
            headers["Authorization"] = f"Bearer {self.auth_token}"
        request = urllib.request.Request(self.base_url + EVALUATE_PATH, data=body, headers=headers, method="POST")
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                status, payload = response.status, response.read()
        except urllib.error.HTTPError as e:
            # Errors come with the gate's envelope (verdict block, error_code); keep its cause.
            status, payload = e.code, e.read()
        except (OSError, http.client.HTTPException) as e:
            reason = e.reason if isinstance(e, urllib.error.URLError) else e
            if isinstance(reason, TimeoutError):
                return GateDecision.failed(TIMEOUT, f"the sidecar did not answer within {self.timeout} s",
                                           retryable=True)
            return GateDecision.failed(UNAVAILABLE, f"no answer from the sidecar at {self.base_url}: {reason}",
                                       retryable=True)
        try:
            answer = json.loads(payload)
        except ValueError:
            return GateDecision.failed(INVALID_RESPONSE, f"the sidecar answered HTTP {status} without JSON")
        decision = decision_from_answer(answer)
        if decision.error is None and status != 200:
            return GateDecision.failed(INVALID_RESPONSE, f"the sidecar answered a verdict with HTTP {status}",
                                       raw=answer)
        return decision


class SidecarProcess:
    """A ``gait serve`` process this program started (see :func:`start_sidecar`); a context manager
    that stops it on exit."""

    def __init__(self, process: subprocess.Popen[bytes], url: str, policy_digest: str | None,
                 errors: IO[bytes]) -> None:
        self.process = process
        self.url = url
        self.policy_digest = policy_digest
        self._errors = errors  # the sidecar's standard error (a temporary file)

    def client(self, *, timeout: float = DEFAULT_TIMEOUT_SECONDS, auth_token: str | None = None) -> SidecarClient:
        return SidecarClient(self.url, timeout=timeout, auth_token=auth_token)

    def stop(self, timeout: float = 30.0) -> None:
        """SIGTERM, then SIGKILL if it has not stopped within ``timeout`` seconds."""
        self.process.terminate()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._errors.close()

    def __enter__(self) -> SidecarProcess:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def start_sidecar(policy: StrPath, *, gait_bin: StrPath | None = None, cwd: StrPath | None = None,
                  env: Mapping[str, str] | None = None, extra_args: Sequence[str] = (),
                  start_timeout: float = 120.0) -> SidecarProcess:
    """Starts ``gait serve --policy P --listen 127.0.0.1:0 --json`` and waits until it listens.

    ``extra_args`` go to ``gait serve`` (``--listen`` among them replaces the loopback default).
    Raises :class:`GaitCommandError` (with the sidecar's standard error) when it does not start.
    """
    has_listen = any(arg.lstrip("-").split("=")[0] == "listen" for arg in extra_args)
    listen = () if has_listen else ("--listen", "127.0.0.1:0")
    argv = [resolve_gait_bin(gait_bin), "serve", "--policy", os.fspath(policy), *listen, "--json", *extra_args]
    errors = tempfile.TemporaryFile()
    try:
        process = subprocess.Popen(argv, cwd=cwd, env=dict(env) if env is not None else None,
                                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=errors)
    except OSError as e:
        errors.close()
        raise GaitCommandError(f"cannot run {argv[0]}: {e}") from e
    first_line: queue.Queue[bytes] = queue.Queue()
    threading.Thread(target=_drain, args=(process, first_line), daemon=True).start()
    try:
        line = first_line.get(timeout=start_timeout)
    except queue.Empty:
        line = b""
    try:
        announced = json.loads(line)
    except ValueError:
        announced = None
    if isinstance(announced, dict) and isinstance(announced.get("listening"), str):
        return SidecarProcess(process, announced["listening"], announced.get("policy_digest"), errors)
    try:
        process.wait(5)  # a sidecar that failed to start exits by itself
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    with errors:
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace").strip()
    envelope = announced if isinstance(announced, dict) else {}
    cause = envelope.get("error") or stderr or line.decode("utf-8", "replace").strip() or \
        f"it did not announce its address within {start_timeout} s"
    raise GaitCommandError(f"gait serve did not start (exit {process.returncode}): {cause}",
                           exit_code=process.returncode, error_code=envelope.get("error_code"),
                           stdout=line.decode("utf-8", "replace"), stderr=stderr)


def _drain(process: subprocess.Popen[bytes], first_line: queue.Queue[bytes]) -> None:
    """Hands on the first line of standard output and reads the rest, so the sidecar never blocks
    on a full pipe."""
    stdout = process.stdout
    assert stdout is not None
    with stdout:
        first_line.put(stdout.readline())
        for _ in stdout:
            pass
