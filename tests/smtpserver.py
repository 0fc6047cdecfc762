"""A real SMTP server for the mail tests (aiosmtpd), on a free port of the loopback."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Mailbox:
    """What the server received; addresses it refuses at RCPT."""

    refuse: set[str] = field(default_factory=set)
    received: list[tuple[list[str], Message]] = field(default_factory=list)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 Hộp thư không tồn tại"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content)))
        return "250 Message accepted"


class Accounts:
    def __init__(self, user: str, password: str) -> None:
        self.user, self.password = user.encode(), password.encode()

    def __call__(
        self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
    ) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and (
            auth_data.login == self.user and auth_data.password == self.password
        )
        return AuthResult(success=ok, handled=False)


@contextmanager
def smtp_server(
    mailbox: Mailbox, *, user: str | None = None, password: str | None = None
) -> Iterator[int]:
    """Run the server while the block runs; yields its port."""
    port = free_port()
    options: dict[str, Any] = {}
    if user is not None:
        options = {
            "authenticator": Accounts(user, password or ""),
            "auth_require_tls": False,
            "auth_required": True,
        }
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()
