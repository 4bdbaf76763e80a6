"""Turning the SDK's dataclasses and Python values into JSON values (no digests: the CLI makes those)."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Mapping, Sequence
from typing import Any, Union

Timestamp = Union[str, datetime.datetime]


def members(value: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """A dataclass as a JSON object: unset (``None``) members and empty lists are left out."""
    result: dict[str, Any] = {}
    for f in dataclasses.fields(value):
        if f.name in skip:
            continue
        member = getattr(value, f.name)
        if member is None or (isinstance(member, Sequence) and not isinstance(member, str) and not member):
            continue
        result[f.name] = json_value(member)
    return result


def json_value(value: Any) -> Any:
    """Dataclasses (or objects with ``to_dict``), datetimes, mappings and sequences as JSON values."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return members(value)
    if isinstance(value, datetime.datetime):
        return rfc3339(value)
    if isinstance(value, Mapping):
        return {_key(k): json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    return value


def rfc3339(value: Timestamp) -> str:
    """RFC 3339 in UTC with a ``Z``; a naive datetime is taken as UTC. Strings pass unchanged."""
    if isinstance(value, str):
        return value
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    return value.astimezone(datetime.timezone.utc).isoformat().replace("+00:00", "Z")


def now() -> str:
    return rfc3339(datetime.datetime.now(datetime.timezone.utc))


def _key(key: Any) -> str:
    if not isinstance(key, str):
        raise TypeError(f"JSON object keys must be strings, not {type(key).__name__}: {key!r}")
    return key
