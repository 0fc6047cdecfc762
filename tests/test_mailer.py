"""Sending through a real SMTP server (aiosmtpd): delivered, refused, unreachable, bad login;
the settings from the file and the environment; the password never in a message."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest

from cai_cach.errors import MailError, PlanError
from cai_cach.mailer import MailSettings, mail_settings, send_all
from tests.smtpserver import Mailbox, free_port, smtp_server


def message(to: str) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = "vanphong@xa.example"
    mail["To"] = to
    mail["Subject"] = "Nhắc việc"
    mail.set_content("Nội dung có dấu: quá hạn")
    return mail


def settings(port: int, **extra: object) -> MailSettings:
    values: dict[str, object] = {
        "host": "127.0.0.1",
        "port": port,
        "security": "none",
        "sender": "vanphong@xa.example",
    }
    values.update(extra)
    return MailSettings(**values)  # type: ignore[arg-type]


def test_delivers_and_reports_refusals_honestly() -> None:
    mailbox = Mailbox(refuse={"khong-co@xa.example"})
    with smtp_server(mailbox) as port:
        deliveries = send_all(
            settings(port), [message("tuphap@xa.example"), message("khong-co@xa.example")]
        )
    assert [d.sent for d in deliveries] == [True, False]
    assert deliveries[1].refused is not None and deliveries[1].refused.startswith("550")
    [(recipients, received)] = mailbox.received
    assert recipients == ["tuphap@xa.example"]
    assert received.get_payload(decode=True).decode("utf-8").strip() == "Nội dung có dấu: quá hạn"


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_login() -> None:
    mailbox = Mailbox()
    with smtp_server(mailbox, user="vp", password="đúng") as port:
        [delivery] = send_all(settings(port, user="vp", password="đúng"), [message("a@xa.example")])
        assert delivery.sent
        with pytest.raises(MailError) as refused:
            send_all(settings(port, user="vp", password="sai-bí-mật"), [message("a@xa.example")])
    assert "từ chối đăng nhập" in refused.value.message
    assert "sai-bí-mật" not in refused.value.render()
    assert len(mailbox.received) == 1


def test_unreachable_server_sends_nothing() -> None:
    with pytest.raises(MailError, match="không kết nối được máy chủ thư"):
        send_all(settings(free_port()), [message("a@xa.example")])


def test_settings_from_file_then_environment(tmp_path: Path) -> None:
    config = tmp_path / "mail.toml"
    config.write_text(
        '[smtp]\nhost = "smtp.xa.example"\nsender = "vp@xa.example"\nuser = "vp"\n'
        'password = "bí mật"\n',
        encoding="utf-8",
    )
    env = {"CAICACH_MAIL_CONFIG": str(config)}
    found = mail_settings(env)
    assert (found.host, found.port, found.security, found.user) == (
        "smtp.xa.example",
        587,
        "starttls",
        "vp",
    )
    assert "bí mật" not in repr(found)
    found = mail_settings({**env, "CAICACH_SMTP_PORT": "465", "CAICACH_SMTP_SECURITY": "ssl"})
    assert (found.port, found.security) == (465, "ssl")


def test_missing_and_malformed_settings(tmp_path: Path) -> None:
    with pytest.raises(MailError, match="chưa cấu hình máy chủ thư"):
        mail_settings({"CAICACH_MAIL_CONFIG": str(tmp_path / "none.toml")})
    bad = tmp_path / "mail.toml"
    bad.write_text('[smtp]\nhost = "x\n', encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        mail_settings({"CAICACH_MAIL_CONFIG": str(bad)})
    assert caught.value.problems[0].line == 2
    with pytest.raises(MailError, match="starttls, ssl hoặc none"):
        mail_settings(
            {
                "CAICACH_SMTP_HOST": "h",
                "CAICACH_MAIL_FROM": "a@b.c",
                "CAICACH_MAIL_CONFIG": str(tmp_path / "none.toml"),
                "CAICACH_SMTP_SECURITY": "tls13",
            }
        )
