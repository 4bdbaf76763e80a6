"""What the tests share: where gait is, the test policy, a sidecar process, and the intents used."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from gait_sdk import AgentIdentity, IntentContext, IntentRequest, Sandbox, Target

REPO_ROOT = Path(__file__).resolve().parents[3]
DATA = Path(__file__).resolve().parent / "data"
POLICY = DATA / "policy.yaml"
SCHEMAS = REPO_ROOT / "gait-testkit/src/main/resources/gait-v1/schemas/v1"
INTENT_SCHEMA = SCHEMAS / "gate/intent_request.schema.json"
# The launcher builds gait on its first run; that call may take a minute or two.
FIRST_CALL_TIMEOUT = 180.0


def gait_bin() -> str:
    return os.environ.get("GAIT_BIN") or str(REPO_ROOT / "gait")


ALICE = IntentContext(identity="alice", workspace="/repo", risk_class="low")


def simple_intent(tool_name: str, path: str = "/repo/notes.txt") -> IntentRequest:
    return IntentRequest(tool_name=tool_name, args={"path": path}, context=ALICE,
                         targets=[Target(kind="path", value=path)])


def release_intent(*, agent_id: str = "agent.release", access_type: str = "jit") -> IntentRequest:
    """The call only the v1.4 action context can allow (rule release-by-declared-agent)."""
    return IntentRequest(
        tool_name="deploy.release", args={"version": "1.2.3"},
        targets=[Target(kind="repo", value="acme/app", operation="release")],
        context=IntentContext(
            identity="alice", workspace="/repo", risk_class="medium", agent_id=agent_id,
            agent_identity=AgentIdentity(owner="team-release"),
            credential_ref="vault:lease/1", credential_source="vault_dynamic", credential_access_type=access_type,
            credential_ttl_seconds=300,
            sandbox=Sandbox(network_mode="disabled", user_mode="unprivileged", filesystem_isolation="container",
                            env_exposure_mode="none", timeout_seconds=60, writable_paths=["/repo/out"],
                            evidence_ref="sandbox:run-1", evidence_digest="a" * 64)))


@contextlib.contextmanager
def sidecar(cwd: Path, env: Mapping[str, str], extra_args: Sequence[str] = (), policy: Path = POLICY) -> Iterator[str]:
    """Runs ``gait serve`` on a free loopback port and yields its URL; stops it afterwards."""
    with open(cwd / "serve.err", "wb") as errors:
        process = subprocess.Popen(
            [gait_bin(), "serve", "--policy", str(policy), "--listen", "127.0.0.1:0", "--json", *extra_args],
            cwd=cwd, env=dict(env), stdout=subprocess.PIPE, stderr=errors)
        try:
            yield _listening_url(process, cwd / "serve.err")
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            assert process.stdout is not None
            process.stdout.close()


def _listening_url(process: subprocess.Popen[bytes], errors: Path) -> str:
    first_line: list[bytes] = []
    stdout = process.stdout
    assert stdout is not None
    reader = threading.Thread(target=lambda: first_line.append(stdout.readline()), daemon=True)
    reader.start()
    reader.join(FIRST_CALL_TIMEOUT)
    if not first_line or not first_line[0]:
        raise RuntimeError(f"gait serve did not start: {errors.read_text(errors='replace')}")
    return json.loads(first_line[0])["listening"]
