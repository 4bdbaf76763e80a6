"""Gated tools: a function that runs only when the gate answers ``allow``."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Generic, ParamSpec, TypeVar, Union

from .capture import ERROR, OK, RunRecorder
from .decision import CLIENT_ERROR, INVALID_INTENT, GateClient, GateDecision
from .intent import ArgProvenance, IntentContext, IntentRequest, Target

P = ParamSpec("P")
R = TypeVar("R")

ContextSource = Union[IntentContext, Callable[[], IntentContext]]
TargetSource = Union[Sequence[Target], Callable[[Mapping[str, Any]], Sequence[Target]]]
ProvenanceSource = Union[Sequence[ArgProvenance], Callable[[Mapping[str, Any]], Sequence[ArgProvenance]]]


class ToolBlockedError(Exception):
    """The gate did not allow the call (or no decision could be obtained); the tool did not run."""

    def __init__(self, tool_name: str, decision: GateDecision) -> None:
        cause = decision.error or ", ".join(decision.reason_codes) or "no reason given"
        super().__init__(f"{tool_name}: {decision.verdict} ({cause})")
        self.tool_name = tool_name
        self.decision = decision

    @property
    def verdict(self) -> str:
        return self.decision.verdict

    @property
    def reason_codes(self) -> tuple[str, ...]:
        return self.decision.reason_codes

    @property
    def trace_id(self) -> str | None:
        return self.decision.trace_id


class GatedTool(Generic[P, R]):
    """Wraps ``fn``: each call becomes an intent, and ``fn`` runs only on an ``allow`` verdict.

    The intent's ``args`` are the call's arguments by parameter name (defaults included).
    ``context`` is fixed or made per call; ``targets`` and ``arg_provenance`` are fixed or derived
    from those arguments. Any other verdict, and any failure to decide, raises
    :class:`ToolBlockedError`. With a ``recorder`` every call, its result or its refusal is captured.

    ``fn`` is a synchronous function or a bound method (the decision is asked synchronously).
    """

    def __init__(self, fn: Callable[P, R], *, client: GateClient, context: ContextSource, tool_name: str | None = None,
                 targets: TargetSource = (), arg_provenance: ProvenanceSource = (),
                 recorder: RunRecorder | None = None) -> None:
        if inspect.iscoroutinefunction(fn):
            raise TypeError(f"{fn.__name__} is a coroutine function; GatedTool wraps synchronous functions")
        self.fn = fn
        self.client = client
        self.context = context
        self.tool_name = tool_name or fn.__name__
        self.targets = targets
        self.arg_provenance = arg_provenance
        self.recorder = recorder
        self._signature = inspect.signature(fn)
        functools.update_wrapper(self, fn)

    def intent(self, *args: P.args, **kwargs: P.kwargs) -> IntentRequest:
        """The intent a call with these arguments is decided on."""
        call_args = self._arguments(args, kwargs)
        return IntentRequest(
            tool_name=self.tool_name, args=call_args,
            context=self.context() if callable(self.context) else self.context,
            targets=self.targets(call_args) if callable(self.targets) else self.targets,
            arg_provenance=self.arg_provenance(call_args) if callable(self.arg_provenance) else self.arg_provenance)

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            intent = self.intent(*args, **kwargs)
        except Exception as e:  # a context or target factory failed: no intent, no call
            failed = GateDecision.failed(INVALID_INTENT, f"cannot build the intent: {type(e).__name__}: {e}")
            raise ToolBlockedError(self.tool_name, failed) from e
        try:
            decision = self.client.evaluate(intent)
        except Exception as e:  # clients answer failures as decisions; anything else still blocks
            decision = GateDecision.failed(CLIENT_ERROR, f"{type(e).__name__}: {e}")
        recorder = self.recorder
        intent_id = recorder.add_intent(intent.tool_name, intent.args, decision=decision) if recorder else ""
        if not decision.allowed:
            if recorder:
                recorder.add_blocked(intent_id, decision)
            raise ToolBlockedError(self.tool_name, decision)
        try:
            result = self.fn(*args, **kwargs)
        except Exception as e:
            if recorder:
                recorder.add_result(intent_id, ERROR, {"error": f"{type(e).__name__}: {e}"})
            raise
        if recorder:
            recorder.add_result(intent_id, OK, result)
        return result

    def _arguments(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
        bound = self._signature.bind(*args, **kwargs)
        bound.apply_defaults()
        arguments: dict[str, Any] = {}
        for name, value in bound.arguments.items():
            kind = self._signature.parameters[name].kind
            if kind is inspect.Parameter.VAR_KEYWORD:
                arguments.update(value)
            elif kind is inspect.Parameter.VAR_POSITIONAL:
                arguments[name] = list(value)
            else:
                arguments[name] = value
        return arguments


def gate_tool(*, client: GateClient, context: ContextSource, tool_name: str | None = None, targets: TargetSource = (),
              arg_provenance: ProvenanceSource = (),
              recorder: RunRecorder | None = None) -> Callable[[Callable[P, R]], GatedTool[P, R]]:
    """Decorator form of :class:`GatedTool`::

        @gate_tool(client=CliClient("policy.yaml"), context=ctx, tool_name="fs.read",
                   targets=lambda a: [Target("path", a["path"], operation="read")])
        def read_file(path: str) -> str: ...
    """

    def wrap(fn: Callable[P, R]) -> GatedTool[P, R]:
        return GatedTool(fn, client=client, context=context, tool_name=tool_name, targets=targets,
                         arg_provenance=arg_provenance, recorder=recorder)

    return wrap
