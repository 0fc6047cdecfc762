"""Write N realistic commune plans for benchmarks and roll-up tests (deterministic per seed).

    python bench/make_plans.py 1000 --out /tmp/plans-1000 --seed 1

Each plan looks like a real yearly administrative-reform plan of a commune: the decision that
issues it, a registry of officials (titles, often with a person's name, and groups), the eight
usual sections with about 40 tasks in total, deadlines in the plan's own words ("Quý I/2024",
"6 tháng đầu năm 2024", "Tháng 9 năm 2024", 31/03/2024 …), recurring duties (monthly,
quarterly, half-yearly, yearly), ongoing and "as instructed" work, and progress recorded up to
``--progress-until`` (milestones ``done`` on time or late, recurrence ``done`` maps, dated task
``notes``), with some obligations left open so that ``caicach overdue`` has something to say.

Plans are written into one folder per district (``<out>/<district>/<commune>-<year>.yaml``);
the same seed always gives byte-identical files. Every plan passes ``caicach check``.
"""

from __future__ import annotations

import argparse
import random
import sys
import unicodedata
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


SYLLABLES = _words(
    "An Bình Hòa Phú Tân Thạnh Long Đông Tây Nam Bắc Sơn Hải Hưng Thuận Phước Lộc Thọ Minh "
    "Tịnh Nghĩa Đức Hiệp Trung Thành Kỳ Quang Vĩnh Mỹ Xuân Hà Lâm Hội Khánh Lợi Phong Tiến "
    "Điền Hiếu Nhơn Ân Châu Hoa Lạc"
)
PROVINCES = ("Quảng Ngãi", "Bình Định", "Quảng Nam", "Phú Yên", "Khánh Hòa", "Gia Lai")
SURNAMES = _words("Nguyễn Trần Lê Phạm Huỳnh Hoàng Võ Phan Đặng Bùi Đỗ Hồ Ngô Dương Lý Trương Đinh")
MIDDLE_MALE = _words("Văn Minh Quốc Hữu Đức Thanh Công Xuân Ngọc")
MIDDLE_FEMALE = _words("Thị Ngọc Thanh Thu Mỹ Kim Bích Thùy")
GIVEN_MALE = _words("An Bình Cường Dũng Hùng Nam Quân Sơn Tuấn Trung Hiếu Phúc Khoa Lâm Tài Vinh")
GIVEN_FEMALE = _words("Hà Hạnh Lan Linh Mai Phương Tâm Thảo Trang Vy Yến Hiệp Hương Nhung Oanh")

OFFICIALS: tuple[tuple[str, str], ...] = (
    ("vp-tk", "Công chức Văn phòng - Thống kê"),
    ("tp-ht", "Công chức Tư pháp - Hộ tịch"),
    ("tc-kt", "Công chức Tài chính - Kế toán"),
    ("vh-xh", "Công chức Văn hoá - Xã hội"),
    ("dc-xd", "Công chức Địa chính - Xây dựng - Nông nghiệp và Môi trường"),
    ("ch-qs", "Chỉ huy trưởng Ban Chỉ huy Quân sự xã"),
    ("ca-xa", "Trưởng Công an xã"),
    ("ct-ubnd", "Chủ tịch UBND xã"),
    ("pct-ubnd", "Phó Chủ tịch UBND xã"),
    ("to-48", "Tổ 48 của UBND xã"),
    ("bcd-cds", "Ban chỉ đạo Chuyển đổi số xã"),
)
GROUPS: tuple[tuple[str, str], ...] = (
    ("lien-quan", "Các công chức có liên quan"),
    ("chuyen-mon", "Các công chức chuyên môn"),
    ("ban-nganh", "Các ban, ngành có liên quan"),
    ("thon", "Ban nhân dân các thôn"),
)
LEADERS = ("vp-tk", "tp-ht", "tc-kt", "vh-xh", "dc-xd", "ct-ubnd", "pct-ubnd")

SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Cải cách thể chế",
        (
            "Tham mưu ban hành văn bản quy phạm pháp luật của HĐND và UBND xã",
            "Ban hành và triển khai kế hoạch theo dõi thi hành pháp luật",
            "Rà soát, hệ thống hóa văn bản quy phạm pháp luật của xã",
            "Kiểm tra, xử lý văn bản quy phạm pháp luật theo thẩm quyền",
            "Phổ biến, giáo dục pháp luật cho cán bộ và nhân dân",
            "Xây dựng xã đạt chuẩn tiếp cận pháp luật",
        ),
    ),
    (
        "Cải cách thủ tục hành chính (TTHC) và thực hiện cơ chế một cửa",
        (
            "Ban hành Kế hoạch hoạt động kiểm soát TTHC",
            "Rà soát, đánh giá TTHC; đề xuất đơn giản hóa TTHC rườm rà",
            "Niêm yết, đăng tải công khai TTHC tại Bộ phận Một cửa",
            "Đánh giá chất lượng phục vụ người dân, doanh nghiệp theo thời gian thực",
            "Số hóa hồ sơ, kết quả giải quyết TTHC",
            "Đẩy mạnh dịch vụ công trực tuyến, thanh toán trực tuyến",
            "Tiếp nhận, xử lý phản ánh, kiến nghị về quy định hành chính",
            "Báo cáo tình hình giải quyết TTHC tại Bộ phận Một cửa",
        ),
    ),
    (
        "Cải cách tổ chức bộ máy",
        (
            "Thực hiện các quy định về tổ chức bộ máy ở cấp xã",
            "Sử dụng biên chế được cấp có thẩm quyền giao",
            "Sắp xếp thôn, tổ dân phố theo quy định",
            "Thực hiện phân cấp quản lý do cấp có thẩm quyền ban hành",
        ),
    ),
    (
        "Cải cách chế độ công vụ",
        (
            "Ban hành kế hoạch đào tạo, bồi dưỡng cán bộ, công chức",
            "Đánh giá, xếp loại cán bộ, công chức cuối năm",
            "Tăng cường kỷ luật, kỷ cương hành chính",
            "Thực hiện chuyển đổi vị trí công tác theo quy định",
            "Kiểm tra công vụ, chấp hành giờ giấc làm việc",
        ),
    ),
    (
        "Cải cách tài chính công",
        (
            "Ban hành chương trình thực hành tiết kiệm, chống lãng phí",
            "Công khai dự toán, quyết toán ngân sách xã",
            "Quản lý, sử dụng tài sản công",
            "Thực hiện cơ chế tự chủ về biên chế và kinh phí quản lý hành chính",
            "Báo cáo tình hình thu, chi ngân sách xã",
        ),
    ),
    (
        "Xây dựng và phát triển chính quyền điện tử hướng đến chính quyền số",
        (
            "Ban hành Kế hoạch chuyển đổi số của xã",
            "Sử dụng chữ ký số trong văn bản điện tử",
            "Cập nhật Trang thông tin điện tử của xã",
            "Vận hành hệ thống quản lý văn bản và điều hành",
            "Tuyên truyền, hướng dẫn người dân cài đặt ứng dụng VNeID",
        ),
    ),
    (
        "Nâng cao chỉ số cải cách hành chính (PAR INDEX)",
        (
            "Xây dựng kế hoạch cải thiện các chỉ số cải cách hành chính",
            "Khảo sát mức độ hài lòng của người dân (SIPAS)",
            "Tự đánh giá, chấm điểm chỉ số cải cách hành chính",
        ),
    ),
    (
        "Công tác chỉ đạo, điều hành cải cách hành chính",
        (
            "Ban hành Kế hoạch tuyên truyền cải cách hành chính",
            "Kiểm tra công tác cải cách hành chính của UBND xã",
            "Xây dựng Kế hoạch cải cách hành chính năm sau",
            "Tổ chức hội nghị sơ kết, tổng kết công tác cải cách hành chính",
            "Báo cáo kết quả thực hiện nhiệm vụ cải cách hành chính",
        ),
    ),
)
PRODUCTS = (
    "Kế hoạch của UBND xã.",
    "Báo cáo kết quả thực hiện.",
    "Quyết định của Chủ tịch UBND xã.",
    "Văn bản triển khai; báo cáo kết quả thực hiện.",
    "Các văn bản chỉ đạo, hướng dẫn của UBND xã.",
)
LETTERS = _words("a b c d đ e g h i k l m n o p q")
ROMAN = ("I", "II", "III", "IV")
NOTES = (
    "Đã ban hành kế hoạch",
    "Đã tổ chức hội nghị triển khai",
    "Đã gửi báo cáo về cấp trên",
    "Đang rà soát, tổng hợp",
    "Đã niêm yết công khai tại Bộ phận Một cửa",
)
CADENCES = (("tháng", 12), ("quý", 4), ("6 tháng", 2), ("năm", 1))


class _NoAliasDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Plans never contain anchors or aliases (caicach refuses them)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def slug(text: str) -> str:
    folded = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text).split())


def person(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_MALE)} {rng.choice(GIVEN_MALE)}"
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_FEMALE)} {rng.choice(GIVEN_FEMALE)}"


def commune_names(rng: random.Random, count: int) -> list[str]:
    pairs = [f"{a} {b}" for a in SYLLABLES for b in SYLLABLES if a != b]
    rng.shuffle(pairs)
    names = pairs[:count]
    extra = 2
    while len(names) < count:  # more communes than pairs: number the repeats
        names += [f"{name} {extra}" for name in pairs[: count - len(names)]]
        extra += 1
    return names


def deadline_words(rng: random.Random, year: int) -> tuple[str, date]:
    """A deadline the way plans write it, and the day it resolves to."""
    quarter = rng.randint(1, 4)
    month = rng.randint(1, 12)
    quarter_end = _month_end(year, 3 * quarter)
    month_end = _month_end(year, month)
    choices = [
        (f"Quý {ROMAN[quarter - 1]}/{year}", quarter_end),
        (f"Quý {ROMAN[quarter - 1]} năm {year}", quarter_end),
        (f"quý {quarter}/{year}", quarter_end),
        (f"Tháng {month} năm {year}", month_end),
        (f"tháng {month}/{year}", month_end),
        (f"6 tháng đầu năm {year}", date(year, 6, 30)),
        (f"Trong năm {year}", date(year, 12, 31)),
        (f"Năm {year}", date(year, 12, 31)),
        (f"{month_end.day:02d}/{month:02d}/{year}", month_end),
        (f"{year}-{month:02d}-15", date(year, month, 15)),
    ]
    return rng.choice(choices)


def _month_end(year: int, month: int) -> date:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return following - timedelta(days=1)


def _period_ends(cadence: str, year: int) -> list[tuple[str, date]]:
    if cadence == "tháng":
        return [(f"{year}-{m:02d}", _month_end(year, m)) for m in range(1, 13)]
    if cadence == "quý":
        return [(f"{year}-Q{q}", _month_end(year, 3 * q)) for q in range(1, 5)]
    if cadence == "6 tháng":
        return [(f"{year}-H1", date(year, 6, 30)), (f"{year}-H2", date(year, 12, 31))]
    return [(f"{year}", date(year, 12, 31))]


class PlanWriter:
    """Builds one plan as plain data, using its own random stream."""

    def __init__(
        self,
        rng: random.Random,
        commune: str,
        district: str,
        province: str,
        *,
        monthly: float = 0.0,
        open_share: float = 0.25,
    ) -> None:
        self.rng = rng
        self.commune = commune
        self.district = district
        self.province = province
        self.monthly = monthly  # share of tasks made monthly duties (big-plan benchmarks)
        self.open_share = open_share  # chance an obligation due by ``progress_until`` stays open

    def officials(self) -> dict[str, dict[str, Any]]:
        chosen = [o for o in OFFICIALS if o[0] in LEADERS or self.rng.random() < 0.6]
        result: dict[str, dict[str, Any]] = {}
        for official_id, title in chosen:
            entry: dict[str, Any] = {"title": title}
            if self.rng.random() < 0.7:
                entry["name"] = person(self.rng)
            result[official_id] = entry
        for official_id, title in GROUPS:
            result[official_id] = {"title": title, "group": True}
        return result

    def build(self, year: int, tasks_per_plan: int, progress_until: date) -> dict[str, Any]:
        rng = self.rng
        officials = self.officials()
        people = [oid for oid in officials if not officials[oid].get("group")]
        leaders = [oid for oid in people if oid in LEADERS]
        groups = [oid for oid in officials if officials[oid].get("group")]
        parent = (
            f"Ủy ban nhân dân huyện {self.district}"
            if year < 2025
            else f"Ủy ban nhân dân tỉnh {self.province}"
        )
        signed = date(year - 1, 12, rng.randint(15, 30))
        chairman = person(rng)
        plan: dict[str, Any] = {
            "plan": {
                "title": f"Kế hoạch cải cách hành chính năm {year} xã {self.commune}",
                "year": year,
                "agency": {
                    "name": f"Ủy ban nhân dân xã {self.commune}",
                    "parent": parent,
                    "place": self.commune,
                },
                "decision": {
                    "number": f"{rng.randint(100, 999)}/QĐ-UBND",
                    "date": signed.isoformat(),
                    "place": self.commune,
                    "title": f"Ban hành Kế hoạch cải cách hành chính năm {year} xã {self.commune}",
                    "signer": chairman,
                    "signer_title": "Chủ tịch",
                    "grounds": [
                        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;",
                        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành "
                        "Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030;",
                        f"Theo đề nghị của Công chức Văn phòng - Thống kê xã {self.commune}.",
                    ],
                    "recipients": [f"{parent.replace('Ủy ban nhân dân', 'UBND')};", "Lưu: VT."],
                },
                "purposes": [
                    "Tiếp tục đẩy mạnh cải cách hành chính, nâng cao chất lượng phục vụ người "
                    "dân, doanh nghiệp.",
                ],
                "requirements": [
                    "Triển khai đồng bộ, thống nhất, đúng thời gian, bảo đảm hiệu quả.",
                ],
            },
            "officials": officials,
            "sections": [],
        }
        counts = self._task_counts(tasks_per_plan - 1)
        for index, ((title, pool), count) in enumerate(zip(SECTIONS, counts, strict=True), 1):
            tasks = []
            for t_index in range(count):
                task_title = pool[t_index % len(pool)]
                if t_index >= len(pool):
                    task_title += f" (đợt {t_index // len(pool) + 1})"
                tasks.append(
                    self.task(
                        f"{index}.{LETTERS[t_index % len(LETTERS)]}"
                        + ("" if t_index < len(LETTERS) else str(t_index // len(LETTERS))),
                        f"{task_title} năm {year}",
                        leaders,
                        people,
                        groups,
                        year,
                        progress_until,
                    )
                )
            plan["sections"].append({"id": str(index), "title": title, "tasks": tasks})
        duty = self.task(
            "III.1",
            "Tổng hợp báo cáo kết quả thực hiện kế hoạch cải cách hành chính",
            ["vp-tk"],
            people,
            [],
            year,
            progress_until,
            kind="reporting",
        )
        duty["recipient"] = parent.replace("Ủy ban nhân dân", "UBND") + " (Phòng Nội vụ)"
        plan["reporting"] = [duty]
        plan["implementation"] = [
            "Các công chức được giao chủ trì hoặc phối hợp có trách nhiệm tổ chức thực hiện "
            "nghiêm túc, bảo đảm chất lượng, đúng tiến độ đề ra.",
        ]
        return plan

    def _task_counts(self, total: int) -> list[int]:
        counts = [1] * len(SECTIONS)
        for _ in range(total - len(SECTIONS)):
            counts[self.rng.randrange(len(SECTIONS))] += 1
        return counts

    def task(
        self,
        task_id: str,
        title: str,
        leaders: list[str],
        people: list[str],
        groups: list[str],
        year: int,
        progress_until: date,
        kind: str = "",
    ) -> dict[str, Any]:
        rng = self.rng
        lead = rng.sample(leaders, k=1 if rng.random() < 0.8 else min(2, len(leaders)))
        others = [p for p in people + groups if p not in lead]
        task: dict[str, Any] = {
            "id": task_id,
            "title": title,
            "lead": lead,
            "support": rng.sample(others, k=rng.randint(0, 2)),
            "products": rng.choice(PRODUCTS),
        }
        if not task["support"]:
            del task["support"]
        roll = rng.random() if kind != "reporting" else 0.95
        if self.monthly and kind != "reporting" and rng.random() < self.monthly:
            roll = 1.0  # a recurring duty, monthly (below)
        if roll < 0.25:
            task["timeline"] = rng.choice(("Thường xuyên.", f"Thường xuyên trong năm {year}."))
            task["ongoing"] = True
        elif roll < 0.35:
            task["timeline"] = "Theo chỉ đạo, hướng dẫn của cấp trên."
            task["as_instructed"] = True
        elif roll < 0.8:
            milestones = [self.milestone(year, progress_until) for _ in range(rng.randint(1, 2))]
            task["timeline"] = "; ".join(f"{m['due']} {m['what'].lower()}" for m in milestones)
            task["milestones"] = milestones
        else:
            every = ("quý", "6 tháng", "năm") if kind == "reporting" else (rng.choice(CADENCES)[0],)
            if roll == 1.0:
                every = ("tháng",)
            recurring = [self.recurrence(cadence, year, progress_until) for cadence in every]
            task["timeline"] = "Định kỳ " + ", ".join(every) + " báo cáo kết quả thực hiện."
            task["recurring"] = recurring
        if rng.random() < 0.3:
            day = date(year, 1, 1) + timedelta(days=rng.randint(0, (progress_until.month - 1) * 30))
            task["notes"] = [{"date": day.isoformat(), "text": rng.choice(NOTES)}]
        return task

    def milestone(self, year: int, progress_until: date) -> dict[str, Any]:
        rng = self.rng
        words, due = deadline_words(rng, year)
        what = rng.choice(("Ban hành kế hoạch", "Báo cáo kết quả", "Tổ chức thực hiện", "Kiểm tra"))
        milestone: dict[str, Any] = {"what": what, "due": words}
        done = self._done_day(due, progress_until)
        if done is not None:
            milestone["done"] = done.isoformat()
            if rng.random() < 0.3:
                milestone["note"] = rng.choice(NOTES)
        return milestone

    def recurrence(self, cadence: str, year: int, progress_until: date) -> dict[str, Any]:
        recurrence: dict[str, Any] = {"what": f"Báo cáo {cadence}", "every": cadence}
        if cadence != "năm" and self.rng.random() < 0.3:
            recurrence["due_day"] = 20
        done = {}
        for key, end in _period_ends(cadence, year):
            day = self._done_day(end, progress_until)
            if day is not None:
                done[key] = day.isoformat()
        if done:
            recurrence["done"] = done
        return recurrence

    def _done_day(self, due: date, progress_until: date) -> date | None:
        """Done on time (most), late (some) or not yet (some), never after ``progress_until``."""
        if due > progress_until + timedelta(days=20) or self.rng.random() < self.open_share:
            return None
        day = due + timedelta(days=self.rng.randint(-20, 12))
        return day if day <= progress_until else None


def plan_text(plan: dict[str, Any], commune: str) -> str:
    header = f"# Kế hoạch CCHC xã {commune} — tạo bởi bench/make_plans.py (dữ liệu giả lập).\n"
    body = yaml.dump(
        plan,
        Dumper=_NoAliasDumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )
    return header + body


def write_plans(
    out: Path,
    count: int,
    seed: int,
    year: int,
    tasks: int,
    progress_until: date,
    *,
    monthly: float = 0.0,
    open_share: float = 0.25,
) -> list[Path]:
    rng = random.Random(seed)
    communes = commune_names(rng, count)
    district_names = commune_names(random.Random(seed + 1), max(1, count // 12 + 1))
    written: list[Path] = []
    for index, commune in enumerate(communes):
        district = district_names[index // 12]
        province = PROVINCES[(index // 120) % len(PROVINCES)]
        writer = PlanWriter(
            random.Random(f"{seed}:{index}"),
            commune,
            district,
            province,
            monthly=monthly,
            open_share=open_share,
        )
        plan = writer.build(year, tasks, progress_until)
        folder = out / slug(district)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{slug(commune)}-{year}.yaml"
        path.write_text(plan_text(plan, commune), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="how many plans (communes) to write")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--year", type=int, default=2024, help="plan year (default 2024)")
    parser.add_argument("--tasks", type=int, default=40, help="tasks per plan (default 40)")
    parser.add_argument(
        "--progress-until",
        type=date.fromisoformat,
        default=None,
        help="record progress up to this day (default: 15 July of the plan year)",
    )
    parser.add_argument(
        "--monthly",
        type=float,
        default=0.0,
        help="share of tasks that are monthly duties (default 0: the usual mix); "
        "bench/big_plan.py uses 1",
    )
    parser.add_argument(
        "--open-share",
        type=float,
        default=0.25,
        help="chance that an obligation due by --progress-until is left open (default 0.25)",
    )
    args = parser.parse_args(argv)
    if args.count < 1 or args.tasks < len(SECTIONS) + 1:
        parser.error(f"count must be ≥ 1 and --tasks ≥ {len(SECTIONS) + 1}")
    until = args.progress_until or date(args.year, 7, 15)
    written = write_plans(
        args.out,
        args.count,
        args.seed,
        args.year,
        args.tasks,
        until,
        monthly=args.monthly,
        open_share=args.open_share,
    )
    print(f"wrote {len(written)} plans to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
