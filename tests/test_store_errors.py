"""When the disk, the folder or the store itself fails (issue 15, finding 10): one line naming the
store or file and what to do, never a traceback, and the store left as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SUMMIT_TXT, TRADE_TXT, quad_count

from kg.cli import main

REBUILD = "rebuild it into a new folder with `kg build PATH --store NEW` (this one is left as it is)"


def kg(cli: CliRunner, *args: str | Path):
    return cli.invoke(main, [str(a) for a in args])


def one_line_error(result, message: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.stderr == f"Error: {message}\n"


def damaged_copy(store: Path, tmp_path: Path, how: str) -> Path:
    copy = tmp_path / "store"
    shutil.copytree(store, copy)
    db = copy / "db"
    if how == "missing CURRENT":
        (db / "CURRENT").unlink()
    else:  # a MANIFEST overwritten with garbage, as a bad disk or a careless `cp` leaves it
        (db / (db / "CURRENT").read_text().strip()).write_bytes(b"garbage" * 50)
    return copy


@pytest.mark.parametrize("how", ["missing CURRENT", "corrupt MANIFEST"])
@pytest.mark.parametrize("command", [["stats"], ["query", "documents"], ["validate"], ["export"], ["show", "Doe"]])
def test_a_damaged_store_is_one_line_when_read(
    cli: CliRunner, hand_store: Path, tmp_path: Path, how: str, command: list[str]
) -> None:
    store = damaged_copy(hand_store, tmp_path, how)
    result = kg(cli, *command, "--store", store)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"Error: {store}: the store is damaged (")
    assert result.stderr.endswith(f"); {REBUILD}\n")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("how", ["missing CURRENT", "corrupt MANIFEST"])
def test_a_damaged_store_is_one_line_on_build_and_stays_as_it_was(
    cli: CliRunner, hand_store: Path, tmp_path: Path, how: str
) -> None:
    store = damaged_copy(hand_store, tmp_path, how)
    data = lambda: {p.name: p.read_bytes() for p in (store / "db").iterdir() if not p.name.startswith("LOG")}  # noqa: E731
    before = data()  # (RocksDB's own info LOG rotates on every open)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("")  # no article to extract: no model needed
    result = kg(cli, "build", tmp_path / "in", "--store", store, "--no-export")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith(f"Error: {store}: the store is damaged (")
    assert data() == before


@pytest.mark.parametrize(
    "error", [PermissionError(13, "Permission denied"), OSError(30, "Read-only file system")], ids=["perm", "rofs"]
)
@pytest.mark.parametrize("command", ["build", "remove"])
def test_a_store_folder_that_cannot_be_written_is_one_line(
    cli: CliRunner,
    fresh_hand_store: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    error: OSError,
) -> None:
    """As root (the tests' user) chmod cannot make a folder read-only, so the lock's OSError is made here."""
    import filelock

    def refuse(self, *args, **kwargs):
        raise error

    monkeypatch.setattr(filelock.UnixFileLock, "acquire", refuse)
    before = quad_count(fresh_hand_store)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("")
    args = [tmp_path / "in", "--no-export"] if command == "build" else ["freedonia.txt"]
    result = kg(cli, command, *args, "--store", fresh_hand_store)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"Error: {fresh_hand_store}: cannot write to the store folder ({error.strerror.lower()}); "
        "check its permissions and free space, or give another --store"
    )
    monkeypatch.undo()
    assert quad_count(fresh_hand_store) == before


def test_a_full_disk_during_export_leaves_no_temporary_file(
    cli: CliRunner, hand_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins

    out = tmp_path / "graph.ttl"
    out.write_text("the previous export\n")
    real_open = builtins.open

    class FullDisk:
        def __init__(self, file) -> None:
            self.file = file

        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            self.file.close()

        def write(self, data: bytes) -> int:
            self.file.write(data[: len(data) // 2])
            raise OSError(28, "No space left on device")

    def fake_open(file, mode="r", *args, **kwargs):
        handle = real_open(file, mode, *args, **kwargs)
        return FullDisk(handle) if str(file).endswith(".tmp") and "w" in mode else handle

    monkeypatch.setattr(builtins, "open", fake_open)
    result = kg(cli, "export", "-o", out, "--store", hand_store)
    monkeypatch.undo()
    one_line_error(result, f"{out}: cannot write the export (no space left on device); graph.ttl is as it was")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]
    assert out.read_text() == "the previous export\n"


@pytest.mark.slow
def test_a_full_disk_during_build_is_one_line_and_leaves_whole_documents(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.builder.pipeline as pipeline

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(SUMMIT_TXT)
    (tmp_path / "in" / "b.txt").write_text(TRADE_TXT)
    real = pipeline.replace_document
    calls = []

    def fill_up(db, doc_iri, triples) -> None:
        calls.append(doc_iri)
        if len(calls) > 1:
            raise OSError("IO error: No space left on device: While appending to file: 000012.log")
        real(db, doc_iri, triples)

    monkeypatch.setattr(pipeline, "replace_document", fill_up)
    store = tmp_path / "store"
    result = kg(cli, "build", tmp_path / "in", "--store", store, "--no-export")
    monkeypatch.undo()
    one_line_error(
        result,
        f"{store}: cannot write b.txt (IO error: No space left on device: While appending to file: 000012.log); "
        "free some space and run the build again (1 of 2 documents were written, each whole)",
    )
    docs = kg(cli, "query", "documents", "--format", "csv", "--store", store)
    assert [line.split(",")[0] for line in docs.stdout.splitlines()[1:]] == ["a.txt"]


@pytest.mark.parametrize(
    ("endpoint", "shown"),
    [("http://[::1", "http://[::1"), ("http://user:secret@[::1/store", "http://[::1/store")],
)
def test_push_to_a_malformed_url_is_one_line(cli: CliRunner, hand_store: Path, endpoint: str, shown: str) -> None:
    result = kg(cli, "push", "--endpoint", endpoint, "--store", hand_store)
    one_line_error(
        result,
        f"--endpoint {shown!r} is not a valid URL (Invalid IPv6 URL); e.g. http://localhost:7878/store (Oxigraph)",
    )
    assert "secret" not in result.output
