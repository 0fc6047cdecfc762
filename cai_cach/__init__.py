"""caicach: keep a commune's administrative-reform plan as YAML and track it."""

from __future__ import annotations

__version__ = "0.1.0"
