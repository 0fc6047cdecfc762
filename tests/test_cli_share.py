"""status and remind end to end: the page written, the province view, and reminders delivered
through a real SMTP server (aiosmtpd)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.helpers import SHIPPED_PLAN, invoke
from tests.smtpserver import Mailbox, free_port, smtp_server


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "plans").mkdir()
    plan = tmp_path / "plans" / "tinh-minh-2024.yaml"
    text = SHIPPED_PLAN.read_text(encoding="utf-8")
    text = text.replace(
        "  vp-tk:\n    title: Công chức Văn phòng - Thống kê\n",
        "  vp-tk:\n    title: Công chức Văn phòng - Thống kê\n    email: vptk@tinhminh.example\n",
    ).replace(
        "  tp-ht:\n    title: Công chức Tư pháp - Hộ tịch\n",
        "  tp-ht:\n    title: Công chức Tư pháp - Hộ tịch\n    email: tuphap@tinhminh.example\n",
    )
    assert "vptk@" in text and "tuphap@" in text, "the shipped plan's officials changed shape"
    plan.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CAICACH_MAIL_CONFIG", str(tmp_path / "khong-co.toml"))
    return plan


def mail_env(monkeypatch: pytest.MonkeyPatch, port: int) -> None:
    monkeypatch.setenv("CAICACH_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("CAICACH_SMTP_PORT", str(port))
    monkeypatch.setenv("CAICACH_SMTP_SECURITY", "none")
    monkeypatch.setenv("CAICACH_MAIL_FROM", "vanphong@tinhminh.example")


def test_remind_delivers_each_leads_items(office: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mailbox = Mailbox()
    with smtp_server(mailbox) as port:
        mail_env(monkeypatch, port)
        result = invoke("remind", "--as-of", "2024-04-05", "--days", "30")
    assert result.exit_code == 1, result.output  # tc-kt has no address
    assert "✓ Đã gửi tới Công chức Văn phòng - Thống kê <vptk@tinhminh.example>" in result.output
    assert "– Chưa gửi cho Công chức Tài chính - Kế toán" in result.output
    received = {rcpt[0]: mail for rcpt, mail in mailbox.received}
    assert set(received) == {"vptk@tinhminh.example", "tuphap@tinhminh.example"}
    text = received["vptk@tinhminh.example"].get_payload(decode=True).decode("utf-8")
    assert "VIỆC QUÁ HẠN" in text and "III.1" in text and "hạn 31/01/2024, quá 65 ngày" in text
    sent = int(re.search(r"Đã gửi (\d+)/", result.output)[1])  # type: ignore[index]
    assert sent == len(mailbox.received) == 2


def test_a_refused_message_is_never_reported_sent(
    office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mailbox = Mailbox(refuse={"tuphap@tinhminh.example"})
    with smtp_server(mailbox) as port:
        mail_env(monkeypatch, port)
        result = invoke("remind", "--as-of", "2024-04-05")
    assert result.exit_code == 1
    assert "✗ Máy chủ từ chối thư tới Công chức Tư pháp - Hộ tịch" in result.output
    assert "Đã gửi tới Công chức Tư pháp" not in result.output
    assert [rcpt for rcpt, _ in mailbox.received] == [["vptk@tinhminh.example"]]


def test_unreachable_server_and_refused_login(
    office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mail_env(monkeypatch, free_port())
    result = invoke("remind", "--as-of", "2024-04-05")
    assert result.exit_code == 2
    assert "không kết nối được máy chủ thư" in result.output
    assert "Đã gửi tới" not in result.output and "Traceback" not in result.output
    mailbox = Mailbox()
    with smtp_server(mailbox, user="vp", password="dung") as port:
        mail_env(monkeypatch, port)
        monkeypatch.setenv("CAICACH_SMTP_USER", "vp")
        monkeypatch.setenv("CAICACH_SMTP_PASSWORD", "sai-mat-khau")
        result = invoke("remind", "--as-of", "2024-04-05")
    assert result.exit_code == 2
    assert "từ chối đăng nhập" in result.output and "sai-mat-khau" not in result.output
    assert mailbox.received == []


def test_dry_run_and_text_send_nothing(office: Path) -> None:
    result = invoke("remind", "--as-of", "2024-04-05", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Gửi tới: Công chức Tài chính - Kế toán <CHƯA CÓ ĐỊA CHỈ>" in result.output
    assert "Chạy thử: chưa gửi thư nào" in result.output
    text = invoke("remind", "--as-of", "2024-04-05", "--text")
    assert text.exit_code == 0
    assert text.output.count("Kính gửi:") == 3


def test_remind_with_nothing_due(office: Path) -> None:
    result = invoke("remind", "--as-of", "2024-01-02", "--days", "0")
    assert result.exit_code == 0
    assert "không cần nhắc ai" in result.output


def test_status_page_is_written_and_escaped(office: Path, tmp_path: Path) -> None:
    text = office.read_text(encoding="utf-8").replace(
        "title: Công chức Tài chính - Kế toán",
        "title: Công chức Tài chính <script>alert(1)</script>",
    )
    office.write_text(text, encoding="utf-8")
    out = tmp_path / "trang-thai.html"
    result = invoke("status", "--as-of", "2024-07-15", "-o", out)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.count("<svg") == 2
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "tính đến ngày 15/07/2024" in html
    # Self-contained: nothing is fetched (only XML namespace names mention http).
    assert not re.search(r"""(src|href)=["']?(https?:)?//|<link|@import|url\((?!#)""", html)
    assert "<metadata>" not in html
    again = invoke("status", "--as-of", "2024-07-15", "-o", out)
    assert again.exit_code == 2 and "đã tồn tại" in again.output
    assert invoke("status", "-o", tmp_path / "x.pdf").exit_code == 2


def test_province_view(office: Path, tmp_path: Path) -> None:
    other = office.read_text(encoding="utf-8").replace("Tịnh Minh", "Tịnh Hà")
    (office.parent / "tinh-ha-2024.yaml").write_text(other, encoding="utf-8")
    out = tmp_path / "tinh.html"
    result = invoke("status", "--group-by", "agency", "--as-of", "2024-07-15", "-o", out)
    assert result.exit_code == 0, result.output
    assert "2 đơn vị, 2 kế hoạch" in result.output
    html = out.read_text(encoding="utf-8")
    assert html.count('<tr><td class="num">') == 2
    assert "Ủy ban nhân dân xã Tịnh Hà" in html


def test_screenshot_in_a_real_browser(office: Path, tmp_path: Path) -> None:
    import subprocess

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("headless Chromium is not installed (Debian: apt install chromium)")
    out = tmp_path / "trang-thai.html"
    assert invoke("status", "--as-of", "2024-07-15", "-o", out).exit_code == 0
    shot = tmp_path / "trang.png"
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--window-size=420,2400",
            f"--screenshot={shot}",
            out.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert shot.stat().st_size > 10_000
    if Path("/work/shots").is_dir():  # keep a copy to look at, when asked for
        shutil.copy(shot, "/work/shots/trang-thai-dien-thoai.png")
