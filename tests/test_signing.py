"""Who signs and receives the report; the commune's report to the body above it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cai_cach.loading import load_plan
from cai_cach.models import Plan
from cai_cach.signing import (
    FILED_COPY,
    above_commune,
    default_recipients,
    duty_warnings,
    number_text,
    province_duty,
    punctuate,
    signature,
)
from tests.helpers import MINIMAL_PLAN, SHIPPED_PLAN, TWO_DUTIES


def plan_with(write_plan: Callable[..., Path], extra: str) -> Plan:
    return load_plan(write_plan(MINIMAL_PLAN + extra)).plan


def test_bodies_above_the_commune() -> None:
    for name in ("UBND huyện (Phòng Nội vụ huyện)", "Sở Nội vụ tỉnh Quảng Ngãi", "UBND tỉnh"):
        assert above_commune(name)
    for name in ("Văn phòng UBND xã", "Chủ tịch UBND xã", "Lưu: VT."):
        assert not above_commune(name)


def test_the_internal_duty_is_never_the_report(write_plan: Callable[..., Path]) -> None:
    plan = plan_with(write_plan, TWO_DUTIES)
    duty = province_duty(plan)
    assert duty is not None and duty.id == "III.1"
    assert default_recipients(plan) == ["Sở Nội vụ tỉnh Quảng Ngãi", FILED_COPY]
    assert duty_warnings(plan) == []


def test_check_warns_when_no_report_goes_above_the_commune(
    write_plan: Callable[..., Path],
) -> None:
    internal_only = TWO_DUTIES.split("  - id: III.1")[0]
    plan = plan_with(write_plan, internal_only)
    assert province_duty(plan) is None
    assert "không có nghĩa vụ báo cáo gửi cấp trên" in duty_warnings(plan)[0]
    local = internal_only.replace("internal: true", "internal: false")
    warning = duty_warnings(plan_with(write_plan, local))[0]
    assert "III.2" in warning and "không có nơi nhận là cơ quan cấp trên" in warning


def test_the_shipped_plans_report_goes_to_the_district() -> None:
    plan = load_plan(SHIPPED_PLAN).plan
    assert default_recipients(plan) == ["UBND huyện (Phòng Nội vụ huyện)", FILED_COPY]
    assert duty_warnings(plan) == []


def test_number_recipients_and_signature() -> None:
    assert number_text("15") == "15/BC-UBND"
    assert number_text(None).strip() == "/BC-UBND"
    assert punctuate(["Sở Nội vụ;", "Lưu: VT"]) == ("Sở Nội vụ;", "Lưu: VT.")
    plan = load_plan(SHIPPED_PLAN).plan
    signed = signature(plan, signer_title="Phó Chủ tịch")
    assert (signed.authority, signed.name) == ("KT. CHỦ TỊCH", "Lê Thị Mỹ Hiệp")
