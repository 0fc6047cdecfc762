"""Sending mail (smtplib): the settings, read from the user's config folder or the environment —
never from the plan repository — and one connection that delivers messages and says, for each,
whether the server took it. A password is never printed or put in an error.

Settings (the environment wins over the file):

| file key (``mail.toml``, ``[smtp]``) | environment | meaning |
|---|---|---|
| ``host`` | ``CAICACH_SMTP_HOST`` | mail server |
| ``port`` | ``CAICACH_SMTP_PORT`` | port (default 587 with starttls, 465 with ssl, 25 with none) |
| ``security`` | ``CAICACH_SMTP_SECURITY`` | ``starttls`` (default), ``ssl`` or ``none`` |
| ``user`` | ``CAICACH_SMTP_USER`` | login (none: no login) |
| ``password`` | ``CAICACH_SMTP_PASSWORD`` | password |
| ``sender`` | ``CAICACH_MAIL_FROM`` | the From address |

The file is ``$CAICACH_MAIL_CONFIG``, else ``mail.toml`` in the user's config folder
(``platformdirs.user_config_dir("caicach")``).
"""

from __future__ import annotations

import os
import re
import smtplib
import socket
import ssl
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Literal

from cai_cach.errors import MailError, PlanError, Problem

Security = Literal["starttls", "ssl", "none"]
CONFIG_ENV = "CAICACH_MAIL_CONFIG"
ENV_KEYS = {
    "host": "CAICACH_SMTP_HOST",
    "port": "CAICACH_SMTP_PORT",
    "security": "CAICACH_SMTP_SECURITY",
    "user": "CAICACH_SMTP_USER",
    "password": "CAICACH_SMTP_PASSWORD",
    "sender": "CAICACH_MAIL_FROM",
}
DEFAULT_PORTS: dict[Security, int] = {"starttls": 587, "ssl": 465, "none": 25}
TIMEOUT_SECONDS = 20.0


@dataclass(frozen=True)
class MailSettings:
    host: str
    port: int
    security: Security
    sender: str
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    source: str = ""  # where the settings came from, for messages


def config_path(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    if env.get(CONFIG_ENV):
        return Path(env[CONFIG_ENV])
    from platformdirs import user_config_dir

    return Path(user_config_dir("caicach")) / "mail.toml"


def _file_settings(path: Path) -> dict[str, object]:
    import tomllib

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as err:
        raise MailError(f"không đọc được tệp cấu hình thư {path} ({err})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        where = re.search(r"line (\d+), column (\d+)", str(err))
        line, column = (int(where[1]), int(where[2])) if where else (None, None)
        raise PlanError(
            [
                Problem(
                    str(path),
                    "tệp cấu hình thư sai cú pháp TOML",
                    line=line,
                    column=column,
                    hint='mỗi dòng dạng khóa = "giá trị", dưới dòng [smtp]',
                    detail=str(err),
                )
            ]
        ) from None
    section = data.get("smtp", {})
    if not isinstance(section, dict):
        raise MailError(f"{path}: [smtp] phải là một bảng các khóa")
    return section


def mail_settings(env: Mapping[str, str] | None = None) -> MailSettings:
    """The settings to send with, or ``MailError`` saying what is missing and where to put it."""
    env = os.environ if env is None else env
    path = config_path(env)
    values: dict[str, object] = dict(_file_settings(path))
    for key, name in ENV_KEYS.items():
        if env.get(name):
            values[key] = env[name]
    missing = [key for key in ("host", "sender") if not values.get(key)]
    if missing:
        raise MailError(
            "chưa cấu hình máy chủ thư (thiếu " + ", ".join(missing) + ")",
            f'ghi vào {path}: [smtp] host = "smtp.example.vn", sender = "vanphong@…" (xem '
            "docs/nhac-viec.md), hoặc đặt biến môi trường "
            + ", ".join(ENV_KEYS[key] for key in missing),
        )
    security = str(values.get("security") or "starttls").lower()
    if security not in DEFAULT_PORTS:
        raise MailError(f"security phải là starttls, ssl hoặc none, không phải '{security}'")
    chosen: Security = security
    try:
        port = int(str(values.get("port") or DEFAULT_PORTS[chosen]))
    except ValueError:
        raise MailError(f"cổng máy chủ thư phải là một số, không phải '{values['port']}'") from None
    user = str(values["user"]) if values.get("user") else None
    password = str(values["password"]) if values.get("password") else None
    return MailSettings(
        str(values["host"]), port, chosen, str(values["sender"]), user, password, str(path)
    )


@dataclass(frozen=True)
class Delivery:
    """What the server said of one message: ``refused`` is None when it took it."""

    to: str
    refused: str | None = None

    @property
    def sent(self) -> bool:
        return self.refused is None


def _reply(code: int, text: bytes | str) -> str:
    words = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return f"{code} {words}".strip()


@contextmanager
def connection(settings: MailSettings, timeout: float = TIMEOUT_SECONDS) -> Iterator[smtplib.SMTP]:
    """A logged-in connection, or ``MailError`` (unreachable, TLS refused, login refused)."""
    where = f"{settings.host}:{settings.port}"
    try:
        if settings.security == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=timeout, context=ssl.create_default_context()
            )
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=timeout)
        if settings.security == "starttls":
            client.starttls(context=ssl.create_default_context())
        if settings.user:
            _login(client, settings.user, settings.password or "")
    except smtplib.SMTPAuthenticationError as err:
        raise MailError(
            f"máy chủ thư {where} từ chối đăng nhập của '{settings.user}' ({err.smtp_code})",
            f"kiểm tra tên đăng nhập, mật khẩu trong {settings.source} (mật khẩu không được in ra)",
        ) from None
    except smtplib.SMTPNotSupportedError:
        raise MailError(
            f"máy chủ thư {where} không hỗ trợ STARTTLS hoặc đăng nhập",
            'đặt security = "ssl" (cổng 465) hoặc hỏi người quản trị máy chủ thư',
        ) from None
    except (OSError, smtplib.SMTPException) as err:
        reason = err.strerror if isinstance(err, OSError) and err.strerror else type(err).__name__
        if isinstance(err, socket.timeout):
            reason = "quá thời gian chờ"
        raise MailError(
            f"không kết nối được máy chủ thư {where} ({reason}); chưa gửi thư nào",
            "kiểm tra host, port, security và mạng",
        ) from None
    try:
        yield client
    finally:
        try:
            client.quit()
        except (OSError, smtplib.SMTPException):
            client.close()


def _login(client: smtplib.SMTP, user: str, password: str) -> None:
    """Log in; a login or password with letters beyond ASCII (smtplib sends only ASCII) goes
    as AUTH PLAIN in UTF-8, as RFC 4616 allows."""
    if (user + password).isascii():
        client.login(user, password)
        return
    import base64

    client.ehlo_or_helo_if_needed()
    token = base64.b64encode(f"\0{user}\0{password}".encode()).decode("ascii")
    code, reply = client.docmd("AUTH", "PLAIN " + token)
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def deliver(client: smtplib.SMTP, message: EmailMessage) -> Delivery:
    """Send one message; refused when the server refuses the sender, a recipient or the data."""
    to = str(message["To"])
    try:
        refused = client.send_message(message)
    except smtplib.SMTPRecipientsRefused as err:
        code, text = next(iter(err.recipients.values()))
        return Delivery(to, _reply(code, text))
    except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as err:
        return Delivery(to, _reply(err.smtp_code, err.smtp_error))
    except (OSError, smtplib.SMTPException) as err:
        return Delivery(to, f"mất kết nối với máy chủ ({type(err).__name__})")
    if refused:
        code, text = next(iter(refused.values()))
        return Delivery(to, _reply(code, text))
    return Delivery(to)


def send_all(settings: MailSettings, messages: Sequence[EmailMessage]) -> list[Delivery]:
    """Deliver ``messages`` over one connection; after a lost connection the rest are refused
    (never counted as sent)."""
    deliveries: list[Delivery] = []
    with connection(settings) as client:
        for message in messages:
            if deliveries and deliveries[-1].refused and "mất kết nối" in deliveries[-1].refused:
                deliveries.append(Delivery(str(message["To"]), "chưa gửi: mất kết nối trước đó"))
                continue
            deliveries.append(deliver(client, message))
    return deliveries
