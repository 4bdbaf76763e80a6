"""The example agent, driven through a real sidecar: the blocked tool's side effect never happens."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from support import FIRST_CALL_TIMEOUT, gait_bin, sidecar

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SRC = Path(__file__).resolve().parents[1] / "src"


def test_the_example_agent_never_runs_the_blocked_tool(gait_env: dict[str, str], tmp_path: Path) -> None:
    env = {**gait_env, "GAIT_BIN": gait_bin(), "PYTHONPATH": str(SRC)}
    with sidecar(tmp_path, gait_env, policy=EXAMPLES / "policy.yaml") as running:
        done = subprocess.run([sys.executable, str(EXAMPLES / "scripted_agent.py"), "--sidecar", running.url,
                               "--workdir", str(tmp_path)],
                              env=env, capture_output=True, text=True, timeout=FIRST_CALL_TIMEOUT, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    summary = json.loads(done.stdout)
    assert summary["side_effects"] == {"read_file": 1, "delete_file": 0}
    assert (tmp_path / "workspace" / "notes.txt").read_text(encoding="utf-8") == "quarterly numbers\n"
    blocked = summary["steps"][1]
    assert (blocked["tool"], blocked["outcome"]) == ("delete_file", "block")
    assert "deletes_need_a_human" in blocked["reason_codes"]
    assert Path(summary["runpack"]).is_file()
