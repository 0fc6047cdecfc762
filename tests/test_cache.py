"""The plan cache: keyed by content, never stale, never needed, and ignorable."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cai_cach import cache as cache_module
from cai_cach import yamlsource
from cai_cach.cache import LOADING_MODULES, PlanCache, content_key, default_root, open_cache
from cai_cach.errors import PlanError
from cai_cach.loading import load_plan, load_plans
from tests.helpers import MINIMAL_PLAN, REPO, SHIPPED_PLAN

Run = Callable[..., Any]
WritePlan = Callable[..., Path]


@pytest.fixture
def plan_cache(tmp_path: Path) -> PlanCache:
    return PlanCache(tmp_path / "cache")


def entries(plan_cache: PlanCache) -> list[Path]:
    return sorted(plan_cache.root.rglob("*.json"))


def parsing_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("the plan was parsed although it is in the cache")

    monkeypatch.setattr(yamlsource, "parse", refuse)  # loading imports it when it parses


def test_second_load_comes_from_the_cache_and_equals_the_first(
    plan_cache: PlanCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_plan(SHIPPED_PLAN, plan_cache)
    assert len(entries(plan_cache)) == 1
    parsing_forbidden(monkeypatch)
    second = load_plan(SHIPPED_PLAN, plan_cache)
    assert second.plan == first.plan
    assert second.warnings == first.warnings
    assert second.display == first.display


def test_one_byte_changed_with_same_size_and_mtime_is_seen(
    write_plan: WritePlan, plan_cache: PlanCache
) -> None:
    path = write_plan()
    before = load_plan(path, plan_cache)
    assert before.plan.sections[0].tasks[0].milestones[0].due.date.month == 3
    stat = path.stat()
    raw = path.read_bytes()
    marker = "due: Quý ".encode()
    index = raw.index(marker + b"I/2024") + len(marker)
    path.write_bytes(raw[:index] + b"2" + raw[index + 1 :])  # Quý I → Quý 2, one byte
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    assert path.stat().st_mtime_ns == stat.st_mtime_ns
    after = load_plan(path, plan_cache)
    assert after.plan.sections[0].tasks[0].milestones[0].due.date.month == 6
    assert len(entries(plan_cache)) == 2


def test_warnings_survive_the_cache_and_name_the_file_read(
    write_plan: WritePlan, plan_cache: PlanCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = MINIMAL_PLAN.replace("title: Mục một", "title: Mục #1 quan trọng")
    first = write_plan(text, name="a.yaml")
    second = write_plan(text, name="b.yaml")
    fresh = load_plan(first, plan_cache)
    assert [w.severity for w in fresh.warnings] == ["warning"]
    parsing_forbidden(monkeypatch)
    cached = load_plan(second, plan_cache)
    assert [w.render() for w in cached.warnings] == [
        w.render().replace(str(first), str(second)) for w in fresh.warnings
    ]


def test_invalid_plans_are_never_cached_and_keep_exact_messages(
    write_plan: WritePlan, plan_cache: PlanCache
) -> None:
    path = write_plan(MINIMAL_PLAN.replace("lead: [tc-kt]", "lead: [ke-toan]"))
    messages = []
    for _ in range(2):
        with pytest.raises(PlanError) as caught:
            load_plan(path, plan_cache)
        messages.append(caught.value.render())
    assert messages[0] == messages[1]
    assert f"{path}:22:" in messages[0]
    assert entries(plan_cache) == []


def test_an_entry_is_json_holding_the_plan(write_plan: WritePlan, plan_cache: PlanCache) -> None:
    path = write_plan()
    load_plan(path, plan_cache)
    (entry,) = entries(plan_cache)
    _mac, header, plan = entry.read_text(encoding="utf-8").split("\n")  # HMAC first (issue 10)
    assert json.loads(header)["key"] == content_key(path.read_bytes())
    assert json.loads(plan)["plan"]["title"] == "Kế hoạch thử"
    assert entry.name == f"{content_key(path.read_bytes())}.json"


def test_an_entry_holds_the_plan_as_model_dump_json_and_is_private(
    plan_cache: PlanCache,
) -> None:
    """The entry's two lines are what ``json.dumps`` and ``model_dump_json`` write (the put
    path takes shortcuts to the same bytes), in a file only its owner reads, with no temporary
    file left beside it."""
    loaded = load_plan(SHIPPED_PLAN, plan_cache)
    (entry,) = entries(plan_cache)
    _mac, header, plan = entry.read_bytes().split(b"\n")
    assert plan == loaded.plan.model_dump_json().encode("utf-8")
    fields = json.loads(header)
    assert header == json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode()
    assert entry.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in entry.parent.iterdir()] == [entry.name]


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: b"",
        lambda raw: raw[: len(raw) // 2],
        lambda raw: b"\x80\xff garbage",
        lambda raw: b"[1, 2]\n{}",
        lambda raw: raw.replace(b'"lead":["vp-tk"]', b'"lead":[]', 1),
        lambda raw: raw.replace(b'"format":3', b'"format":99', 1),
        lambda raw: raw.replace(b'"marks":[]', b'"marks":[["x"]]', 1),
        lambda raw: raw.replace(b'"warnings":[]', b'"warnings":[{"line":"x"}]', 1),
    ],
)
def test_a_damaged_entry_is_ignored(
    write_plan: WritePlan, plan_cache: PlanCache, damage: Callable[[bytes], bytes]
) -> None:
    path = write_plan()
    expected = load_plan(path, plan_cache).plan
    (entry,) = entries(plan_cache)
    damaged = damage(entry.read_bytes())
    assert damaged != entry.read_bytes()
    entry.write_bytes(damaged)
    assert load_plan(path, plan_cache).plan == expected


def test_an_unwritable_cache_never_fails_a_command(
    run_cli: Run, write_plan: WritePlan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("CAICACH_CACHE_DIR", str(blocker / "cache"))
    path = write_plan()
    for _ in range(2):
        result = run_cli("overdue", "--as-of", "2024-05-01", path)
        assert result.exit_code == 0, result.output
        assert "1.a" in result.stdout
        assert result.stderr == ""


def test_the_cache_folder_can_be_deleted_at_any_time(
    run_cli: Run, write_plan: WritePlan, plan_cache_folder: Path
) -> None:
    path = write_plan()
    first = run_cli("overdue", "--json", "--as-of", "2024-05-01", path)
    assert list(plan_cache_folder.rglob("*.json"))
    for entry in plan_cache_folder.rglob("*"):
        if entry.is_file():
            entry.unlink()
    second = run_cli("overdue", "--json", "--as-of", "2024-05-01", path)
    assert second.exit_code == first.exit_code == 0
    assert second.stdout == first.stdout


def test_no_cache_neither_reads_nor_writes_the_cache(
    run_cli: Run, write_plan: WritePlan, plan_cache_folder: Path
) -> None:
    path = write_plan()
    assert run_cli("check", path).exit_code == 0
    (entry,) = plan_cache_folder.rglob("*.json")
    # Tamper with the entry (still a valid plan): only a run that reads the cache shows it.
    entry.write_bytes(entry.read_bytes().replace("Kế hoạch thử".encode(), "Đã sửa".encode()))
    listed = run_cli("list", path)
    assert "Đã sửa" not in listed.stdout  # a tampered entry is never served (issue 10)
    ignored = run_cli("list", "--no-cache", path)
    assert "Kế hoạch thử" in ignored.stdout
    assert "Đã sửa" not in ignored.stdout
    entry.unlink()
    for command in ("check", "list", "officials", "overdue"):
        assert run_cli(command, "--no-cache", path).exit_code == 0
    assert not list(plan_cache_folder.rglob("*.json"))


def test_every_read_command_takes_no_cache(run_cli: Run) -> None:
    for command in ("check", "list", "officials", "overdue"):
        result = run_cli(command, "--help")
        assert "--no-cache" in result.stdout, command


def test_a_different_program_does_not_use_the_entry(
    write_plan: WritePlan, plan_cache: PlanCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_plan()
    load_plan(path, plan_cache)
    monkeypatch.setattr(cache_module, "program_fingerprint", lambda: b"another version")
    load_plan(path, plan_cache)
    assert len(entries(plan_cache)) == 2


def test_the_fingerprint_covers_every_module_that_loading_imports() -> None:
    probe = (
        "import sys, cai_cach.loading, cai_cach.cache; "
        "print('\\n'.join(m for m in sys.modules if m.split('.')[0] == 'cai_cach'))"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    covered = {"cai_cach" if name == "__init__" else f"cai_cach.{name}" for name in LOADING_MODULES}
    assert set(found) <= covered


def test_a_cached_plan_still_points_into_its_file(
    write_plan: WritePlan, plan_cache: PlanCache
) -> None:
    path = write_plan()
    load_plan(path, plan_cache)
    cached = load_plan(path, plan_cache)
    mark = cached.document.source.locate(("sections", 0, "tasks", 1, "id"))
    assert mark is not None
    assert path.read_text(encoding="utf-8").splitlines()[mark.line - 1].strip() == "- id: 1.đ"


def test_many_plans_with_workers_fill_and_use_the_cache(
    write_plan: WritePlan, plan_cache: PlanCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = [
        write_plan(MINIMAL_PLAN.replace("Thử", f"Thử {i}"), name=f"p{i}.yaml") for i in range(4)
    ]
    cold = load_plans(paths, plan_cache, jobs=2, parallel_min=2)
    assert len(entries(plan_cache)) == 4
    parsing_forbidden(monkeypatch)
    warm = load_plans(paths, plan_cache, jobs=2, parallel_min=2)
    assert [p.plan for p in warm.plans] == [p.plan for p in cold.plans]


def test_cache_location(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CAICACH_CACHE_DIR", str(tmp_path / "mine"))
    assert default_root() == tmp_path / "mine"
    monkeypatch.delenv("CAICACH_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform != "win32":
        assert default_root() == tmp_path / "xdg" / "caicach"
        monkeypatch.delenv("XDG_CACHE_HOME")
        monkeypatch.setenv("HOME", str(tmp_path / "home"))
        assert default_root() == tmp_path / "home" / ".cache" / "caicach"
    assert open_cache(enabled=False) is None


def test_a_new_cache_folder_is_tagged_for_backup_tools(
    write_plan: WritePlan, plan_cache: PlanCache
) -> None:
    load_plan(write_plan(), plan_cache)
    tag = (plan_cache.root / "CACHEDIR.TAG").read_bytes()
    assert tag.startswith(b"Signature: 8a477f597d28d172789f06886806bc55")


def test_entries_are_written_without_fsync_but_plans_are_not(
    plan_cache: PlanCache, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A cache entry lost in a power cut costs one parse (a torn one fails its HMAC): it is
    renamed into place without the two fsyncs, which cost milliseconds per plan on a cold run.
    The clerk's own files keep them."""
    from cai_cach import atomic

    synced: list[int] = []
    monkeypatch.setattr(atomic.os, "fsync", lambda descriptor: synced.append(descriptor))
    load_plan(SHIPPED_PLAN, plan_cache)
    assert len(entries(plan_cache)) == 1
    assert synced == []
    atomic.write_atomic(tmp_path / "plan.yaml", b"plan: {}\n", lock=False)
    assert len(synced) == 2  # the file, then its folder


def test_a_cache_entry_is_not_reported_as_the_clerks_written_file(
    plan_cache: PlanCache, tmp_path: Path
) -> None:
    """After Ctrl-C the command line names the files already written (``atomic.journal``):
    only the clerk's files, never the cache's private entries."""
    from cai_cach import atomic

    with atomic.journal() as written:
        load_plan(SHIPPED_PLAN, plan_cache)
        assert len(entries(plan_cache)) == 1
        assert written == []
        atomic.write_atomic(tmp_path / "plan.yaml", b"plan: {}\n", lock=False)
        assert written == [tmp_path / "plan.yaml"]


@pytest.mark.slow
def test_processes_creating_the_secret_at_once_agree_on_one(tmp_path: Path) -> None:
    """Workers filling a new cache create its secret together: none may read it half written
    (its entries would then go unsigned or fail their HMAC on the next run)."""
    root = tmp_path / "cache"
    root.mkdir(mode=0o700)
    code = (
        "import sys; from pathlib import Path; from cai_cach.cache import PlanCache; "
        "secret = PlanCache(Path(sys.argv[1]))._secret(create=True); "
        "print(secret.hex() if secret else 'none')"
    )
    workers = [
        subprocess.Popen([sys.executable, "-c", code, str(root)], stdout=subprocess.PIPE, text=True)
        for _ in range(6)
    ]
    seen = {worker.communicate()[0].strip() for worker in workers}
    assert seen == {(root / "secret").read_bytes().hex()}
    assert [name for name in os.listdir(root) if name != "secret"] == []
