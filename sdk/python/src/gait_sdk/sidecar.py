"""Asks a running ``gait serve`` sidecar: ``POST /v1/gate/evaluate``."""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.parse
import urllib.request

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
