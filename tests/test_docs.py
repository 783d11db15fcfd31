"""Keep the docs honest: every CLI command has help text and is documented in docs/cli.md.

Each command must have a ``## kronika NAME`` section in docs/cli.md that mentions every option and
argument its ``--help`` shows, and docs/cli.md must not document commands that do not exist.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

try:
    import typer.main
    from typer.testing import CliRunner

    from kronika.cli import app
except Exception as exc:  # the CLI may not be importable while it is being built
    pytest.skip(f"kronika.cli cannot be imported: {exc!r}", allow_module_level=True)

ROOT = Path(__file__).resolve().parent.parent
CLI_MD = ROOT / "docs" / "cli.md"

# typer >= 0.29 vendors click, so the objects are duck-typed rather than checked against click's classes.
GROUP: Any = typer.main.get_command(app)
COMMANDS: dict[str, Any] = dict(getattr(GROUP, "commands", {}))

runner = CliRunner()


def doc_sections() -> dict[str, str]:
    """docs/cli.md cut into its ``## kronika NAME`` sections, by command name."""
    text = CLI_MD.read_text(encoding="utf-8")
    parts = re.split(r"^## kronika ([\w-]+)[ \t]*$", text, flags=re.MULTILINE)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def test_there_are_commands() -> None:
    assert COMMANDS, "kronika has no commands"


def test_top_level_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"], prog_name="kronika")
    assert result.exit_code == 0, result.output
    for name in COMMANDS:
        assert name in result.output


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_has_help(name: str) -> None:
    result = runner.invoke(app, [name, "--help"], prog_name="kronika")
    assert result.exit_code == 0, result.output
    assert (COMMANDS[name].help or "").strip(), f"`kronika {name}` has no help text"
    assert "Example" in result.output, f"`kronika {name} --help` shows no example"
    short = runner.invoke(app, [name, "-h"], prog_name="kronika")
    assert short.exit_code == 0, short.output
    assert short.output == result.output


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_is_documented(name: str) -> None:
    sections = doc_sections()
    assert name in sections, f"docs/cli.md has no '## kronika {name}' section"
    section = sections[name]
    for param in COMMANDS[name].params:
        kind = getattr(param, "param_type_name", "")
        if kind == "option":
            if getattr(param, "hidden", False):
                continue
            names = [opt for opt in param.opts + param.secondary_opts if opt.startswith("--")]
            for opt in names:
                if opt == "--help":
                    continue
                assert re.search(rf"`{re.escape(opt)}\b", section), (
                    f"docs/cli.md, section 'kronika {name}': option {opt} is not documented"
                )
        elif kind == "argument":
            assert param.name is not None
            assert param.name in section.lower(), (
                f"docs/cli.md, section 'kronika {name}': argument {param.name} is not documented"
            )


GROUPS = {name: cmd for name, cmd in COMMANDS.items() if getattr(cmd, "commands", None)}
SUBCOMMANDS = sorted((group, sub) for group, cmd in GROUPS.items() for sub in cmd.commands)


@pytest.mark.parametrize(("group", "name"), SUBCOMMANDS)
def test_subcommand_is_documented(group: str, name: str) -> None:
    """A group's subcommands, and their options, are named in the group's section."""
    result = runner.invoke(app, [group, name, "--help"], prog_name="kronika")
    assert result.exit_code == 0, result.output
    section = doc_sections().get(group, "")
    assert re.search(rf"(`|kronika {re.escape(group)} ){re.escape(name)}\b", section), (
        f"docs/cli.md, section 'kronika {group}': subcommand {name} is not documented"
    )
    for param in GROUPS[group].commands[name].params:
        if getattr(param, "param_type_name", "") != "option" or getattr(param, "hidden", False):
            continue
        for opt in param.opts + param.secondary_opts:
            if opt.startswith("--") and opt != "--help":
                assert re.search(rf"{re.escape(opt)}\b", section), (
                    f"docs/cli.md, section 'kronika {group}': option {opt} of {name} is not documented"
                )


def test_no_stale_commands_in_docs() -> None:
    stale = sorted(set(doc_sections()) - set(COMMANDS))
    assert not stale, f"docs/cli.md documents commands that do not exist: {stale}"
