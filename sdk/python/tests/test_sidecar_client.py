"""SidecarClient against a real gait serve process: verdicts, parity with the CLI, failures."""

from __future__ import annotations

import http.server
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import FIRST_CALL_TIMEOUT, POLICY, full_intent, gait_bin, release_intent, sidecar, simple_intent

from gait_sdk import CliClient, GaitCommandError, IntentRequest, SidecarClient, Target, start_sidecar
from gait_sdk.decision import INVALID_INTENT, INVALID_RESPONSE, TIMEOUT, UNAVAILABLE


@pytest.mark.parametrize(("tool", "verdict"), [("fs.read", "allow"), ("fs.delete", "block"),
                                               ("fs.write", "require_approval"), ("shell.preview", "dry_run")])
def test_verdicts_come_from_the_sidecar_with_a_signed_trace(sidecar_client: SidecarClient, tool: str,
                                                            verdict: str) -> None:
    decision = sidecar_client.evaluate(simple_intent(tool))
    assert (decision.verdict, decision.allowed, decision.error) == (verdict, verdict == "allow", None)
    trace = json.loads(Path(str(decision.trace_path)).read_text(encoding="utf-8"))
    assert (trace["trace_id"], trace["verdict"]) == (decision.trace_id, verdict)


def test_the_sidecar_and_the_cli_decide_the_same_intent_alike(sidecar_client: SidecarClient, cli: CliClient) -> None:
    for intent in (release_intent(), release_intent(agent_id="agent.other"), simple_intent("fs.write"), full_intent()):
        by_sidecar, by_cli = sidecar_client.evaluate(intent), cli.evaluate(intent)
        assert (by_sidecar.verdict, by_sidecar.reason_codes, by_sidecar.intent_digest, by_sidecar.policy_digest) == (
            by_cli.verdict, by_cli.reason_codes, by_cli.intent_digest, by_cli.policy_digest)
    assert sidecar_client.evaluate(release_intent()).allowed


def test_an_invalid_intent_blocks_with_the_sidecar_error(sidecar_client: SidecarClient) -> None:
    intent = IntentRequest(tool_name="fs.read", args={}, context=simple_intent("fs.read").context,
                           targets=[Target(kind="spaceship", value="enterprise")])
    decision = sidecar_client.evaluate(intent)
    assert (decision.allowed, decision.verdict, decision.error_code) == (False, "block", "invalid_input")
    assert "spaceship" in str(decision.error)


def test_args_json_cannot_carry_block(sidecar_client: SidecarClient) -> None:
    decision = sidecar_client.evaluate(IntentRequest(tool_name="fs.read", args={"n": float("inf")},
                                                     context=simple_intent("x").context))
    assert (decision.allowed, decision.error_code) == (False, INVALID_INTENT)


def test_a_sidecar_that_is_not_there_blocks() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    decision = SidecarClient(f"http://127.0.0.1:{port}", timeout=5).evaluate(simple_intent("fs.read"))
    assert (decision.allowed, decision.error_code, decision.retryable) == (False, UNAVAILABLE, True)


def test_the_bearer_token_is_sent(tmp_path: Path, gait_env: dict[str, str]) -> None:
    env = {**gait_env, "SDK_TEST_TOKEN": "s3cret-token-for-the-test"}
    with sidecar(tmp_path, env, ["--auth-token-env", "SDK_TEST_TOKEN"]) as running:
        without = running.client(timeout=FIRST_CALL_TIMEOUT).evaluate(simple_intent("fs.read"))
        wrong = running.client(timeout=FIRST_CALL_TIMEOUT, auth_token="guess").evaluate(simple_intent("fs.read"))
        right = running.client(timeout=FIRST_CALL_TIMEOUT,
                               auth_token="s3cret-token-for-the-test").evaluate(simple_intent("fs.read"))
    assert (without.allowed, without.error_code) == (False, "unauthorized")
    assert (wrong.allowed, wrong.error_code) == (False, "unauthorized")
    assert right.allowed, right


class _Answers(http.server.BaseHTTPRequestHandler):
    """A server that is not a sidecar: it answers every POST with the body and status of its path."""

    ANSWERS = {"/html/v1/gate/evaluate": (200, b"<html>hello</html>"),
               "/allow-with-500/v1/gate/evaluate": (500, b'{"ok":true,"verdict":"allow"}')}

    def do_POST(self) -> None:  # noqa: N802 (the handler's name is fixed by http.server)
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        status, body = self.ANSWERS.get(self.path, (404, b""))
        if self.path.startswith("/slow/"):
            threading.Event().wait(2)
            status, body = 200, b'{"ok":true,"verdict":"allow"}'
        try:
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except BrokenPipeError:  # the client gave up waiting, as it should
            pass

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class names it)
        pass


@pytest.fixture(scope="module")
def other_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(("prefix", "error_code"), [("/html", INVALID_RESPONSE), ("/allow-with-500", INVALID_RESPONSE),
                                                    ("/missing", INVALID_RESPONSE)])
def test_answers_that_are_not_decisions_block(other_server: str, prefix: str, error_code: str) -> None:
    decision = SidecarClient(other_server + prefix, timeout=10).evaluate(simple_intent("fs.read"))
    assert (decision.allowed, decision.verdict, decision.error_code) == (False, "block", error_code)


def test_a_sidecar_that_answers_too_late_blocks(other_server: str) -> None:
    decision = SidecarClient(other_server + "/slow", timeout=0.2).evaluate(simple_intent("fs.read"))
    assert (decision.allowed, decision.error_code, decision.retryable) == (False, TIMEOUT, True)


def test_a_started_sidecar_announces_its_policy_and_stops(tmp_path: Path, gait_env: dict[str, str]) -> None:
    with sidecar(tmp_path, gait_env) as running:
        decision = running.client(timeout=FIRST_CALL_TIMEOUT).evaluate(simple_intent("fs.read"))
        assert decision.allowed and decision.policy_digest == running.policy_digest
    assert running.process.returncode is not None


def test_a_sidecar_that_cannot_start_raises_with_its_error(tmp_path: Path, gait_env: dict[str, str]) -> None:
    with pytest.raises(GaitCommandError) as failed:
        start_sidecar(tmp_path / "no-policy.yaml", gait_bin=gait_bin(), cwd=tmp_path, env=gait_env,
                      start_timeout=FIRST_CALL_TIMEOUT)
    assert failed.value.exit_code == 6 and "no-policy.yaml" in str(failed.value)
    with pytest.raises(GaitCommandError, match="cannot run"):
        start_sidecar(POLICY, gait_bin=tmp_path / "no-gait")


def test_a_url_that_is_not_http_is_refused_at_once() -> None:
    with pytest.raises(ValueError, match="http"):
        SidecarClient("127.0.0.1:8787")
