"""InviteLimit: how many invites an organization may still send (labelbox 2.6.0's
``Organization.invite_limit()``); one class for both clients."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class InviteLimit:
    """How many invites an organization may still send.

    ``used`` counts the organization's members and pending invites, and
    ``remaining = limit - used``.

    Attributes:
        remaining: invites that may still be sent.
        used: members and pending invites.
        limit: most members and pending invites the organization may have.
    """

    remaining: int
    used: int
    limit: int


__all__ = ["InviteLimit"]
