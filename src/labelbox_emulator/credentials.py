"""Credentials of an emulated organization."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OrgCredentials:
    """An emulated organization, its admin user and that user's API key."""

    organization_id: str
    user_id: str
    api_key: str
