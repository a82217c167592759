"""Files and folders -> Articles: ids, text, titles, publication dates, hashes, and one Failure per bad input."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import kg.text.ingest
from kg.errors import InputError
from kg.model import Article
from kg.text.ingest import Failure, article_from_html, article_from_text, decode, find_date, guess_title, read_articles


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read(*paths: Path) -> list[Article | Failure]:
    return list(read_articles(paths))


# ---------------------------------------------------------------- plain text


@pytest.mark.parametrize(
    ("date_line", "date"),
    [
        ("time:2025-02-22 02:48:53", "2025-02-22"),
        ("Published March 3, 2024", "2024-03-03"),
        ("3 March 2024", "2024-03-03"),
    ],
)
def test_text_file_with_a_date_line(tmp_path: Path, date_line: str, date: str) -> None:
    text = f"Leaders meet in Geneva for talks\n{date_line}\n\nThe talks began on Monday.\n"
    path = tmp_path / "talks.txt"
    path.write_text(text, encoding="utf-8")

    assert read(path) == [
        Article(
            id="talks.txt", text=text, title="Leaders meet in Geneva for talks", date=date, url=None, sha256=sha(text)
        )
    ]


def test_article_from_text_fields() -> None:
    text = "By Staff\nMinisters agree on a grain corridor\nPublished March 3, 2024\n\nBody text."
    assert article_from_text("a.txt", text) == Article(
        id="a.txt",
        text=text,
        title="Ministers agree on a grain corridor",
        date="2024-03-03",
        url=None,
        sha256=sha(text),
    )


def test_an_explicit_date_wins_over_the_date_line() -> None:
    assert (
        article_from_text("a.txt", "Ministers agree on a grain corridor\nMarch 3, 2024", date="2020-01-02").date
        == "2020-01-02"
    )


def test_sha256_is_the_hash_of_the_text_and_stable() -> None:
    text = "Ministers agree on a grain corridor\n\nBody – with “quotes” and é."
    first, second = article_from_text("a.txt", text), article_from_text("b.txt", text)
    assert first.sha256 == second.sha256 == sha(text)
    assert len(first.sha256) == 64
    assert article_from_text("a.txt", text + " ").sha256 != first.sha256


def test_file_hash_ignores_a_utf8_byte_order_mark(tmp_path: Path) -> None:
    text = "Ministers agree on a grain corridor\n"
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    [article] = read(tmp_path / "bom.txt")
    assert article.text == text
    assert article.sha256 == sha(text)


# ---------------------------------------------------------------- title and date helpers


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Leaders meet in Geneva for talks\nBody.", "Leaders meet in Geneva for talks"),
        ("  Leaders meet in Geneva for talks  \nBody.", "Leaders meet in Geneva for talks"),
        ("By AP\n\nLeaders meet in Geneva for talks", "Leaders meet in Geneva for talks"),  # too few words
        (
            "Published March 3, 2024 at noon\nLeaders meet in Geneva for talks",
            "Leaders meet in Geneva for talks",
        ),  # date line
        ("x " * 150 + "\nLeaders meet in Geneva for talks", "Leaders meet in Geneva for talks"),  # over 200 characters
        ("Short\nlines\nonly", None),
        ("\n" * 12 + "Leaders meet in Geneva for talks", None),  # only the first 12 lines are looked at
        ("", None),
    ],
)
def test_guess_title(text: str, title: str | None) -> None:
    assert guess_title(text) == title


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("time:2025-02-22 02:48:53", "2025-02-22"),
        ("Published March 3, 2024", "2024-03-03"),
        ("Published Mar. 3rd, 2024", "2024-03-03"),
        ("3 March 2024", "2024-03-03"),
        ("Sept 9, 2024", "2024-09-09"),
        ("2025/02/22", "2025-02-22"),
        ("2025-02-30", None),  # no such day
        ("February 30, 2024", None),
        ("No date here", None),
        ("\n" * 20 + "March 3, 2024", None),  # only the header is searched
    ],
)
def test_find_date(text: str, date: str | None) -> None:
    assert find_date(text) == date


def test_normalize_iso_reads_an_iso_datetime() -> None:
    assert kg.text.ingest.normalize_iso("2024-04-12T10:00:00Z") == "2024-04-12"


# ---------------------------------------------------------------- JSON Lines


def test_jsonl_yields_one_article_per_good_line_and_a_failure_per_bad_one(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(
        '{"text": "Ministers met in Geneva on Monday.", "title": "Talks", "date": "2024-04-12", "url": "https://example.org/a"}\n'
        "this is not JSON\n"
        '{"title": "no text here"}\n',
        encoding="utf-8",
    )
    items = read(path)

    assert items == [
        Article(
            id="x.jsonl#L1",
            text="Ministers met in Geneva on Monday.",
            title="Talks",
            date="2024-04-12",
            url="https://example.org/a",
            sha256=sha("Ministers met in Geneva on Monday."),
        ),
        Failure(f"{path}:2", "line is not JSON (Expecting value)"),
        Failure(f"{path}:3", 'record has no "text" string'),
    ]
    assert [str(f) for f in items[1:]] == [
        f"{path}:2: line is not JSON (Expecting value)",
        f'{path}:3: record has no "text" string',
    ]


def test_jsonl_line_numbers_count_blank_lines_and_date_falls_back_to_the_text(tmp_path: Path) -> None:
    path = tmp_path / "y.jsonl"
    path.write_text('\n{"text": "Summit opens\\nMarch 3, 2024\\nBody."}\n[1, 2]\n{"text": "   "}\n', encoding="utf-8")
    items = read(path)

    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Failure"]
    assert (items[0].id, items[0].date, items[0].title) == ("y.jsonl#L2", "2024-03-03", None)
    assert [str(f) for f in items[1:]] == [
        f'{path}:3: record has no "text" string',
        f'{path}:4: record has no "text" string',
    ]


# ---------------------------------------------------------------- files that are not articles


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.txt").write_text(" \n\n\t\n")
    assert read(tmp_path / "empty.txt", tmp_path / "blank.txt") == [
        Failure(str(tmp_path / "empty.txt"), "file is empty"),
        Failure(str(tmp_path / "blank.txt"), "file is empty"),
    ]


def test_binary_file(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert read(tmp_path / "image.txt") == [Failure(str(tmp_path / "image.txt"), "file is binary, not text")]


def test_decode_refuses_nul_bytes() -> None:
    with pytest.raises(InputError, match=r"^file is binary, not text$"):
        decode(b"abc\x00def")


def test_decode_utf8() -> None:
    assert decode("Café déjà – “vu”".encode()) == "Café déjà – “vu”"


LATIN1_BUG = (
    "bug: kg/ingest.py decode() trusts charset_normalizer's best guess, which reads Latin-1 French "
    "as cp1006/cp1257 ('Café déjà' -> 'Cafﻠ dﻠjﻓ', 'déjà' -> 'déją')"
)


def test_decode_latin1() -> None:
    assert decode("Café déjà".encode("latin-1")) == "Café déjà"


def test_latin1_file_is_decoded(tmp_path: Path) -> None:
    text = "Café déjà vu for the ministers\n\nLe café est déjà servi à la délégation française.\n"
    (tmp_path / "fr.txt").write_bytes(text.encode("latin-1"))
    [article] = read(tmp_path / "fr.txt")
    assert (article.text, article.title) == (text, "Café déjà vu for the ministers")


def test_file_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.text.ingest, "MAX_BYTES", 100)
    (tmp_path / "big.txt").write_text("Leaders meet in Geneva for talks. " * 10)
    (tmp_path / "small.txt").write_text("Leaders meet in Geneva for talks.")

    big, small = read(tmp_path / "big.txt", tmp_path / "small.txt")

    assert isinstance(big, Failure) and big.source == str(tmp_path / "big.txt")
    assert big.message.startswith("file is too large (")
    assert isinstance(small, Article)


def test_unsupported_file_type_given_by_name(tmp_path: Path) -> None:
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7")
    assert read(tmp_path / "report.pdf") == [
        Failure(
            str(tmp_path / "report.pdf"),
            "unsupported file type '.pdf'; expected one of .htm, .html, .jsonl, .md, .text, .txt",
        )
    ]


def test_folders_are_read_recursively_in_order_and_skip_other_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.md").write_text("Second article about the summit")
    (tmp_path / "a.txt").write_text("First article about the summit")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    assert [a.id for a in read(tmp_path)] == ["a.txt", "two.md"]


def test_missing_path_raises_input_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    with pytest.raises(InputError) as exc:
        read(missing)
    assert str(exc.value) == f"{missing}: no such file or folder"


# ---------------------------------------------------------------- HTML

PARAGRAPHS = [
    "The foreign ministers of Freedonia and Sylvania agreed on Tuesday to reopen the grain corridor "
    "through the port of Sylvania City, ending a standoff that had lasted three months.",
    "Jane Doe, the Freedonian foreign minister, told reporters after the talks that the agreement "
    "would hold as long as both sides kept their inspectors at the port.",
    "The two governments will meet again in May to review the arrangement and to discuss the tariffs "
    "that Sylvania imposed on Freedonian steel last year.",
]
BOILERPLATE = ["World news menu", "Sport section", "Daily Planet Media Group", "Subscribe to our newsletter"]


def page(
    *, meta: str = "", footer: str = "<p>Copyright 2024 Daily Planet Media Group. All rights reserved.</p>"
) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html><html><head><title>Ministers agree on grain corridor | Daily Planet</title>{meta}</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news menu</a></li><li><a href="/sport">Sport section</a></li></ul></nav>
<article><h1>Ministers agree on grain corridor</h1>
{body}
</article>
<footer>{footer}<p>Subscribe to our newsletter for the best stories</p></footer>
</body></html>"""


def test_html_article_text_without_menus_and_footers(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        page(meta='<meta property="article:published_time" content="2024-04-12T10:00:00Z">'), encoding="utf-8"
    )

    [article] = read(path)

    assert isinstance(article, Article)
    assert (article.id, article.title, article.date, article.url) == (
        "page.html",
        "Ministers agree on grain corridor",
        "2024-04-12",
        None,
    )
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text
    for junk in BOILERPLATE:
        assert junk not in article.text
    assert article.sha256 == sha(article.text)


def test_html_copyright_year_is_not_a_publication_date() -> None:
    assert article_from_html("page.html", page()).date is None


def test_html_page_with_no_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Daily Planet</title></head><body><script>render()</script></body></html>")
    assert read(path) == [Failure(str(path), "HTML page has no article text")]


def test_html_page_with_only_a_menu_has_no_article_text() -> None:
    html = (
        "<html><head><title>World news | Daily Planet</title></head><body>"
        '<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>'
        '<div id="app"></div><script>render()</script>'
        "<footer><p>All rights reserved.</p></footer></body></html>"
    )
    with pytest.raises(InputError, match=r"^HTML page has no article text$"):
        article_from_html("menu.html", html)
