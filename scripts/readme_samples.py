"""The README's sample outputs, made by running the commands (for cog: `bash scripts/readme.sh`).

Each `$ kg ...` block in README.md sits between cog markers that call `shell(...)`: the command
runs in this process (click's CliRunner, as the CLI tests do) in a scratch folder holding a copy
of seeds/, where the first block's `kg build seeds` makes out/store, and the block becomes the
command line and what it printed. tests/test_readme.py runs `cog --check`, so the README fails
the suite when it no longer shows what the commands print. Timing lines are normalised (their
numbers become "…"), since they differ on every run.
"""

from __future__ import annotations

import atexit
import os
import re
import shlex
import shutil
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_scratch: Path | None = None


def scratch() -> Path:
    """The folder the samples run in (made once per cog run, with a copy of seeds/)."""
    global _scratch
    if _scratch is None:
        _scratch = Path(tempfile.mkdtemp(prefix="newskg-readme-"))
        atexit.register(shutil.rmtree, _scratch, ignore_errors=True)
        shutil.copytree(ROOT / "seeds", _scratch / "seeds")
    return _scratch


def run(command: str, *, cwd: Path | None = None) -> list[str]:
    """What one command line prints: `kg ARGS [| head -N] [# comment]`, shell-quoted as typed."""
    from click.testing import CliRunner

    from kg.cli import main

    line = command.split("  #", 1)[0].strip()
    pipeline = [part.strip() for part in line.split(" | ")]
    args = shlex.split(pipeline[0])
    if args[0] != "kg":
        raise ValueError(f"not a kg command: {command!r}")
    here = os.getcwd()
    os.chdir(cwd or scratch())
    try:
        result = CliRunner().invoke(main, args[1:], catch_exceptions=False)
    finally:
        os.chdir(here)
    if result.exit_code != 0:
        raise RuntimeError(f"{command!r} exited with {result.exit_code}:\n{result.output}")
    lines = result.output.splitlines()
    for step in pipeline[1:]:
        m = re.fullmatch(r"head(?: -(\d+))?", step)
        if m is None:
            raise ValueError(f"only `| head -N` is understood after a command, not {step!r}")
        lines = lines[: int(m[1] or 10)]
    return [_normalised(line) for line in lines]


def _normalised(line: str) -> str:
    """`seconds: 5.2 (read 0.0, ...; 1,000 words/s extracted)` -> `seconds: … (read …, ...; … words/s extracted)`."""
    if line.startswith("seconds:"):
        return re.sub(r"\d+(?:[.,]\d+)*", "…", line)
    return line


def shell(*commands: str, on_a_copy: bool = False) -> None:
    """Write a code block of each command line (`$ ...`) followed by its output. `on_a_copy`: run
    in a copy of the scratch folder, so a command that changes the store (kg remove) leaves it
    whole for the samples after it."""
    import cog

    cwd = None
    if on_a_copy:
        cwd = scratch() / "copy"
        shutil.copytree(scratch() / "out", cwd / "out")
    out = []
    for command in commands:
        out.append(f"$ {command}")
        out += run(command, cwd=cwd)
        if command != commands[-1]:
            out.append("")
    cog.out("```\n" + "\n".join(out) + "\n```\n")
