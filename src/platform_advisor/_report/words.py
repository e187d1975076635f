"""Report phrases: `report.<key>` in src/platform_advisor/_i18n/messages.yaml."""

from __future__ import annotations

from typing import Any

from .._i18n import t


def w(key: str, lang: str, **args: Any) -> str:
    return t(f"report.{key}", lang, **args)
