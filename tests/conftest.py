"""Shared fixtures. Engine tests need nothing but the package; site and browser tests build what they need."""

from __future__ import annotations
