from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import FIRST_CALL_TIMEOUT, POLICY, gait_bin, sidecar

from gait_sdk import CliClient, SidecarClient


@pytest.fixture(scope="session")
def gait_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of every gait process: its own GAIT_HOME, so the signing key is the test's."""
    return {**os.environ, "GAIT_HOME": str(tmp_path_factory.mktemp("gait-home"))}


@pytest.fixture
def cli(tmp_path: Path, gait_env: dict[str, str]) -> CliClient:
    return CliClient(POLICY, gait_bin=gait_bin(), cwd=tmp_path, env=gait_env, timeout=FIRST_CALL_TIMEOUT)


@pytest.fixture(scope="session")
def sidecar_url(tmp_path_factory: pytest.TempPathFactory, gait_env: dict[str, str]) -> Iterator[str]:
    with sidecar(tmp_path_factory.mktemp("sidecar"), gait_env) as running:
        yield running.url


@pytest.fixture
def sidecar_client(sidecar_url: str) -> SidecarClient:
    return SidecarClient(sidecar_url, timeout=FIRST_CALL_TIMEOUT)
