"""A progress bar on standard error for long runs (many plans, many reports).

The library reports progress through a plain ``progress(done, total)`` callback; this module
turns it into a rich bar, only when standard error is a terminal and the run is long enough
to be worth one (rich is imported only then). It is transient: nothing stays on screen.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import IO, Any, TypeVar

T = TypeVar("T")

MIN_PLANS = 10  # loading fewer plans than this is quick: no bar


class Bar:
    """A ``progress(done, total)`` callback drawing a bar when ``stream`` is a terminal."""

    def __init__(self, label: str, minimum: int = MIN_PLANS, stream: IO[str] | None = None):
        self.label = label
        self.minimum = minimum
        self.stream = stream if stream is not None else sys.stderr
        self.progress: Any = None
        self.task: Any = None
        self.silent = False

    def __call__(self, done: int, total: int) -> None:
        if self.silent:
            return
        if self.progress is None:
            if total < self.minimum or not _is_terminal(self.stream):
                self.silent = True
                return
            self._start(total)
        self.progress.update(self.task, completed=done, total=total)

    def _start(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        console = Console(file=self.stream, force_terminal=True)
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=console,
            transient=True,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self.progress.start()
        self.task = self.progress.add_task(self.label, total=total)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@contextmanager
def progress_bar(label: str, minimum: int = MIN_PLANS) -> Iterator[Bar]:
    bar = Bar(label, minimum)
    try:
        yield bar
    finally:
        bar.close()


def tracked(items: Iterable[T], total: int, label: str, minimum: int = 2) -> Iterator[T]:
    """``items`` one by one, with a bar while they are worked on (batch reports).

    When standard output is the terminal too, the lines each item prints are the progress
    (a bar redrawn between them would garble them): no bar then."""
    if _is_terminal(sys.stdout):
        yield from items
        return
    with progress_bar(label, minimum) as bar:
        for done, item in enumerate(items):
            bar(done, total)
            yield item
        bar(total, total)
