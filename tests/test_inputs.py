"""Inputs a careless user gives (issue 15): every bad one is one line naming the file and the
problem, the rest is built, and a partial build exits 3; nothing is skipped or garbled unsaid;
standard input is an input like a file."""

from __future__ import annotations

import codecs
import io
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SUMMIT_TXT, TRADE_TXT

from kg.cli import main
from kg.model import Article
from kg.text.ingest import Failure, Notice, decode, decode_text, read_articles


def read(*paths: Path | str, stdin: bytes | None = None) -> list:
    return list(read_articles(paths, stdin=io.BytesIO(stdin) if stdin is not None else None))


def refuse_reading(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    """`target` cannot be read, as a file of another user is (the tests run as root, for whom
    chmod 000 changes nothing)."""
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == target:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


# ---------------------------------------------------------------- finding 9: an unreadable file


def test_an_unreadable_file_is_a_failure_and_the_others_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(SUMMIT_TXT)
    (tmp_path / "b.txt").write_text(TRADE_TXT)
    refuse_reading(monkeypatch, tmp_path / "a.txt")
    failure, article = read(tmp_path)
    assert failure == Failure(str(tmp_path / "a.txt"), "cannot read the file (permission denied)")
    assert isinstance(article, Article) and article.id == "b.txt"


def test_a_build_of_only_unreadable_files_exits_3_with_one_line_each(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(SUMMIT_TXT)
    refuse_reading(monkeypatch, tmp_path / "in" / "a.txt")
    result = cli.invoke(main, ["build", str(tmp_path / "in"), "--store", str(tmp_path / "store"), "--no-export"])
    assert result.exit_code == 3
    assert result.stderr == f"error: {tmp_path / 'in' / 'a.txt'}: cannot read the file (permission denied)\n"
    assert result.stdout.startswith("documents read: 0 (0 unchanged, 1 failed)\n")


@pytest.mark.slow
def test_one_unreadable_file_in_a_folder_costs_only_itself(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(SUMMIT_TXT)
    (tmp_path / "in" / "b.txt").write_text(TRADE_TXT)
    refuse_reading(monkeypatch, tmp_path / "in" / "a.txt")
    store = tmp_path / "store"
    result = cli.invoke(main, ["build", str(tmp_path / "in"), "--store", str(store), "--no-export"])
    assert result.exit_code == 3
    assert result.stderr == f"error: {tmp_path / 'in' / 'a.txt'}: cannot read the file (permission denied)\n"
    assert result.stdout.startswith("documents read: 1 (0 unchanged, 1 failed)\n")
    docs = cli.invoke(main, ["query", "documents", "--format", "csv", "--store", str(store)])
    assert [line.split(",")[0] for line in docs.stdout.splitlines()[1:]] == ["b.txt"]


# ---------------------------------------------------------------- finding 11: UTF-8 with a bad byte


def test_utf8_with_one_invalid_byte_is_read_as_utf8_and_the_offset_reported(tmp_path: Path) -> None:
    text = "Pourparlers à l'Élysée sur le commerce\n\nLe président français a reçu le Premier ministre japonais.\n"
    data = text.encode("utf-8")
    bad = data.index("reçu".encode()) + 2  # the first byte of "ç" is lost: its second is an invalid start
    (tmp_path / "fr.txt").write_bytes(data[:bad] + data[bad + 1 :])
    notice, article = read(tmp_path / "fr.txt")
    assert notice == Notice(
        str(tmp_path / "fr.txt"), f"invalid UTF-8 at byte {bad:,}, replaced by U+FFFD; the rest is read as UTF-8"
    )
    assert article.text == text.replace("reçu", "re\ufffdu")
    assert article.title == "Pourparlers à l'Élysée sur le commerce"


def test_latin1_text_is_still_latin1_and_says_nothing() -> None:
    assert decode_text("Café déjà vu à Genève".encode("latin-1")) == ("Café déjà vu à Genève", None)


# ---------------------------------------------------------------- finding 12: nothing skipped unsaid


def test_an_unreadable_subfolder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text(SUMMIT_TXT)
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "b.txt").write_text(TRADE_TXT)
    real = os.scandir

    def scandir(path=".", *args):
        if Path(path) == tmp_path / "secret":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args)

    monkeypatch.setattr(os, "scandir", scandir)
    article, failure = read(tmp_path)
    assert article.id == "a.txt"
    assert failure == Failure(
        str(tmp_path / "secret"), "cannot read this folder (permission denied); its files were skipped"
    )


def test_a_dangling_symlink_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SUMMIT_TXT)
    (tmp_path / "gone.txt").symlink_to(tmp_path / "moved-away.txt")
    (tmp_path / "gone.pdf").symlink_to(tmp_path / "not-an-article.pdf")  # not an article: ignored like any .pdf
    article, failure = read(tmp_path)
    assert article.id == "a.txt"
    assert failure == Failure(
        str(tmp_path / "gone.txt"), f"broken link: its target {tmp_path / 'moved-away.txt'} does not exist"
    )
    assert read(tmp_path / "gone.txt") == [failure]


def test_html_nested_too_deeply_says_so(tmp_path: Path) -> None:
    body = "<p>Leaders of Freedonia and Sylvania met in Geneva on Monday to talk about the grain corridor.</p>"
    (tmp_path / "deep.html").write_text(
        "<html><body>" + "<div>" * 100_000 + body + "</div>" * 100_000 + "</body></html>"
    )
    assert read(tmp_path / "deep.html") == [
        Failure(
            str(tmp_path / "deep.html"),
            "HTML page is too deeply nested to read (100,003 levels; at most 255 can be read)",
        )
    ]


@pytest.mark.parametrize(
    "data", [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE, b"x", b"\n", codecs.BOM_UTF8 + b" \n"]
)
def test_a_file_of_a_byte_order_mark_or_one_byte_is_empty(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "tiny.txt").write_bytes(data)
    assert read(tmp_path / "tiny.txt") == [Failure(str(tmp_path / "tiny.txt"), "file is empty")]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_text(tmp_path: Path, encoding: str) -> None:
    (tmp_path / "u16.txt").write_bytes(TRADE_TXT.encode(encoding))
    [article] = read(tmp_path / "u16.txt")
    assert (article.text, article.title) == (TRADE_TXT, "Japan and Australia sign new trade agreement")
    assert decode("Ελλάδα και Κύπρος: συνομιλίες στη Λευκωσία".encode(encoding)).startswith("Ελλάδα")


def test_binary_data_is_still_binary() -> None:
    with pytest.raises(Exception, match="^file is binary, not text$"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


# ---------------------------------------------------------------- finding 13: standard input


def test_stdin_text_is_one_article_named_by_its_content() -> None:
    [article] = read("-", stdin=SUMMIT_TXT.encode())
    assert article.id == f"stdin-{article.sha256[:16]}"
    assert (article.text, article.title, article.date) == (
        SUMMIT_TXT,
        "Chancellor and president pledge closer ties in Berlin",
        "2024-03-03",
    )


def test_stdin_json_lines_are_articles_and_failures() -> None:
    data = b'{"text": "Leaders met in Geneva on Monday to talk about trade.", "title": "Geneva"}\nnot json\n'
    article, failure = read("-", stdin=data)
    assert (article.id, article.title) == (f"stdin-{article.sha256[:16]}", "Geneva")
    assert failure == Failure("stdin:2", "line is not JSON (Expecting value)")


def test_empty_stdin_is_a_failure() -> None:
    assert read("-", stdin=b"") == [Failure("-", "file is empty")]


def test_kg_build_reads_stdin(cli: CliRunner, tmp_path: Path) -> None:
    """Only a failure here, so no model is needed: the exit code and the line are the point."""
    result = cli.invoke(main, ["build", "-", "--store", str(tmp_path / "store"), "--no-export"], input=b"  \n")
    assert (result.exit_code, result.stderr) == (3, "error: -: file is empty\n")


@pytest.mark.slow
def test_kg_build_dash_builds_what_stdin_holds(cli: CliRunner, tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = cli.invoke(main, ["build", "-", "--store", str(store), "--no-export"], input=TRADE_TXT.encode())
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith("documents read: 1 (0 unchanged, 0 failed)\n")
    again = cli.invoke(main, ["build", "-", "--store", str(store), "--no-export"], input=TRADE_TXT.encode())
    assert again.stdout.startswith("documents read: 1 (1 unchanged, 0 failed)\n")
