"""Every use of typer's and click's private internals, fenced in one module.

typer has no public alias for its vendored click, no public completion installer that takes
our own option names, and no public way to build the parser of one command only. What the
command line needs of those is here, each behind a small function of our own, so that a typer
release that moves one of them breaks exactly one function, and
``tests/test_cli_typer_internals.py`` (one test per use) says which one, loudly.

The uses, and why no public hook serves:

1. ``typer._click``: typer (0.29) ships its own copy of click; its help formatter, context
   and exception classes are the ones typer's commands use (the public ``click`` package, if
   installed at all, is another copy whose classes typer never raises).
2. ``typer._completion_shared``: the shell's name, the completion script and its installer
   (typer's public ``--install-completion`` options print English help and cannot be renamed).
3. ``typer._completion_classes.completion_init``: registers typer's completion classes, which
   typer itself does only when it adds those English options.
4. ``click.Command._main_shell_completion``: the one place that runs before a completion
   request is answered (``ShellCompletionGroup``).
5. ``Typer.registered_commands`` read and replaced on a copy of the app (``with_only``): the
   parser of the one command being run is built, not of all of them; and read through a
   property (``TopicTyper``) that imports the modules registering the commands only when the
   commands are first read, so a run of one command imports that command's module alone.
7. ``typer._coercion`` and ``_TyperParameter._runtime_param`` (``defer_coercion``): typer 0.29
   converts every option's value with a pydantic ``TypeAdapter``, built (and pydantic's
   adapter machinery imported, ~90 ms) even for an option left at ``None``; text and lists of
   text need no conversion, so the real converter is built only for a value that needs one.
6. ``typer._click.globals.get_current_context``: the context of the command being run, for
   code below a command's callback that must honour ``--debug`` (click's public
   ``get_current_context`` is not re-exported by typer's copy).

Public hooks are preferred wherever they exist: the help formatter (``Context.formatter_class``),
the context and command classes (``Typer(cls=…)``, ``Typer.command(cls=…)``) and
``Command.invoke`` (where the error boundary is applied) are public API of click and typer.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import typer
from typer import _click as click  # (1) typer's own copy of click
from typer.core import TyperGroup
from typer.models import CommandInfo

__all__ = [
    "ShellCompletionGroup",
    "TopicTyper",
    "click",
    "command_infos",
    "completion_script",
    "current_context",
    "defer_coercion",
    "install_completion_script",
    "register_completion_classes",
    "shell_name",
    "with_only",
]


def shell_name() -> str | None:
    """(2) The shell the command line runs in ("bash", "zsh", "fish", "pwsh" …), if known."""
    from typer._completion_shared import _get_shell_name

    name: str | None = _get_shell_name()
    return name


def install_completion_script(*, shell: str, prog_name: str, complete_var: str) -> tuple[str, Path]:
    """(2) Install the completion of ``prog_name`` into ``shell``'s start-up file: the shell
    and the file written."""
    from typer._completion_shared import install

    installed_shell, path = install(shell=shell, prog_name=prog_name, complete_var=complete_var)
    return installed_shell, Path(path)


def completion_script(*, shell: str, prog_name: str, complete_var: str) -> str:
    """(2) The completion script of ``prog_name`` for ``shell``, to install by hand."""
    from typer._completion_shared import get_completion_script

    script: str = get_completion_script(prog_name=prog_name, complete_var=complete_var, shell=shell)
    return script


def register_completion_classes() -> None:
    """(3) Register typer's shell completion classes with its click."""
    from typer._completion_classes import completion_init

    completion_init()


class ShellCompletionGroup(TyperGroup):
    """(4) A group that calls ``before_completion`` before answering a completion request."""

    def before_completion(self) -> None:
        """Override: what to prepare before the shell's request is answered."""

    def _main_shell_completion(
        self, ctx_args: Any, prog_name: str, complete_var: str | None = None
    ) -> None:
        self.before_completion()
        super()._main_shell_completion(ctx_args, prog_name, complete_var)


def current_context() -> click.Context | None:
    """(6) The context of the command being run, or ``None`` outside a command."""
    from typer._click.globals import get_current_context

    ctx: click.Context | None = get_current_context(silent=True)
    return ctx


def command_infos(app: typer.Typer) -> list[CommandInfo]:
    """(5) The commands registered on ``app`` (each with its name and callback)."""
    return list(app.registered_commands)


def with_only(app: typer.Typer, infos: list[CommandInfo]) -> typer.Typer:
    """(5) A shallow copy of ``app`` whose only registered commands are ``infos``."""
    lean = copy.copy(app)
    lean.registered_commands = list(infos)
    return lean


def defer_coercion(command: click.Command, ctx: click.Context) -> None:
    """(7) Give each parameter of ``command`` (its help option too) a converter that passes
    unset values, text and lists of text through and builds typer's own converter only for
    any other value."""
    from typer.core import _TyperParameter

    for param in command.get_params(ctx):
        if isinstance(param, _TyperParameter) and param._runtime_param is None:
            descriptor = param.type_descriptor
            if descriptor.file_annotation is None:
                param._runtime_param = _deferred_runtime(descriptor)


def _deferred_runtime(descriptor: Any) -> Any:
    from typer._coercion import RuntimeParam, build_runtime_param

    class Deferred(RuntimeParam):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            annotation = self.annotation
            if annotation is str and isinstance(value, str):
                return value
            texts = isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)
            if annotation == list[str] and texts:
                return list(value)
            real = build_runtime_param(descriptor)
            param._runtime_param = real
            return real._coerce_value(value, param=param, ctx=ctx)

    return Deferred(annotation=descriptor.annotation, parameter_info=descriptor.parameter_info)


class TopicTyper(typer.Typer):
    """(5) A ``Typer`` whose ``topics`` are the modules that register its commands: they are
    imported the first time the commands are read (``registered_commands``,
    ``registered_groups``), or one by one with ``load_topic`` — so a run of one command
    imports only that command's module."""

    def __init__(self, *args: Any, topics: tuple[str, ...] = (), **kwargs: Any) -> None:
        self._topics = topics
        self._loading = False
        self._loaded = not topics
        super().__init__(*args, **kwargs)

    @property
    def registered_commands(self) -> list[Any]:
        self._load_topics()
        commands: list[Any] = self.__dict__["_commands"]
        return commands

    @registered_commands.setter
    def registered_commands(self, value: list[Any]) -> None:
        self.__dict__["_commands"] = value

    @property
    def registered_groups(self) -> list[Any]:
        self._load_topics()
        groups: list[Any] = self.__dict__["_groups"]
        return groups

    @registered_groups.setter
    def registered_groups(self, value: list[Any]) -> None:
        self.__dict__["_groups"] = value

    def load_topic(self, topic: str) -> None:
        """Import one topic's module (its commands register themselves), not the others."""
        import importlib

        self._loading, was = True, self._loading
        try:
            importlib.import_module(topic)
        finally:
            self._loading = was

    def _load_topics(self) -> None:
        if self._loaded or self._loading:
            return
        self._loading = True
        try:
            for topic in self._topics:
                self.load_topic(topic)
        finally:
            self._loading = False
        self._loaded = True

    def loaded_alone(self) -> None:
        """Take the commands registered so far as all there are (a run of one command)."""
        self._loaded = True

    def registered_so_far(self) -> list[Any]:
        """The commands registered until now, without importing the other topics."""
        commands: list[Any] = self.__dict__["_commands"]
        return commands
