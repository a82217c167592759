"""Roles and affiliations of the people an article names (kg:role, kg:leaderOf, kg:memberOf), and
the side (country or body) each actor stands for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract import lexicon
from kg.extract.mentions import Mention
from kg.text.nlp import TITLES_KEY
from kg.text.reference import Reference

if TYPE_CHECKING:
    from spacy.tokens import Span

    from kg.extract.actor_builder import ActorBuilder


NATIONAL_BODIES = {"party", "government_agency"}


def _side_of(ref: Reference, key: str) -> str | None:
    """The side a country or body stands for: a party or ministry its state; an alliance, an
    international organisation or a company itself (NATO is not Belgium)."""
    known = ref.actors.get(key)
    if known is None:
        return None
    if known.kind == "Country":
        return key
    if known.kind == "Organization":
        return known.country if known.org_kind in NATIONAL_BODIES and known.country else key
    return None


def add_sides(b: ActorBuilder) -> None:
    """Which country (or body) each actor stands for: a leader for their country, a party for its state."""
    ref, date = b.ref, b.article.date
    rels = {(r.subject, r.predicate): r.object for r in b.index.relations if r.predicate in ("leaderOf", "memberOf")}
    for key, kind in list(b.kinds.items()):
        side = None
        if kind == "Country":
            side = key
        elif kind == "Organization":
            side = _side_of(ref, key) or key
        elif kind == "Person":
            for t in ref.roles_of(key, date) or ref.roles_of(key):
                side = _side_of(ref, t.of)
                if side:
                    break
            if side is None:
                side = rels.get((key, "leaderOf")) or b.serves.get(key) or rels.get((key, "memberOf"))
                if side and b.kinds.get(side) == "Organization":
                    side = _side_of(ref, side) or side
        if side:
            b.index.sides[key] = side


TITLE_OWNER_GAP = lexicon.words("title_owner_gap")


def _title_before(b: ActorBuilder, start: int) -> tuple[str, int, str | None] | None:
    """The title right before token `start` and the country/org it is attached to ("Japanese Prime Minister")."""
    doc = b.doc
    spans = doc.spans.get(TITLES_KEY, [])
    # "Qatar's Emir Sheikh Tamim": an honorific may sit between the title and the name
    honorific = next((s for s in spans if s.end == start and s.label_ == "honorific"), None)
    if honorific is not None:
        start = honorific.start
    for s in spans:
        if s.end == start and s.label_ in ("head", "office"):
            title = s.id_ or s.text
            owner = None
            j = s.start - 1
            former = False
            shadow = False
            while j >= 0:
                word = doc[j].lower_
                if word in ("former", "then", "ex", "late"):
                    former = True
                elif word == "shadow":  # "shadow foreign secretary": the opposition's spokesman, no office
                    shadow = True
                elif owner is None and (party := _party_before(b, j)) is not None:
                    owner, j = party
                elif doc[j].text == ")":  # "Liberal Democratic Party (LDP) Secretary General"
                    while j > 0 and doc[j].text != "(":
                        j -= 1
                elif owner is None and j in b.index.demonyms:
                    owner = b.index.demonyms[j]
                elif owner is None and b.index.at(j) and b.index.at(j).kind in ("Country", "Organization"):
                    owner = b.index.at(j).key
                    j = b.index.at(j).start
                elif _portfolio_word(doc[j], s):
                    pass  # "Tory foreign affairs spokesman": what the post covers
                elif word not in TITLE_OWNER_GAP:
                    break
                j -= 1
            if shadow:
                title = "shadow " + title
            if former and not title.startswith("former"):
                title = "former " + title
            return title, s.start, owner
    return None


def _party_before(b: ActorBuilder, j: int) -> tuple[str, int] | None:
    """ "Labour MP", "Liberal Democrat MP", "Republican Senator": the party whose member the title's
    holder is (token `j` ends the party word); registers the party as mentioned."""
    doc, words = b.doc, b.ref.party_adjectives
    if not doc[j].is_title:
        return None
    for start in (j - 1, j):
        if start >= 0 and doc[start : j + 1].text in words:
            key = words[doc[start : j + 1].text]
            for i in range(start, j + 1):
                seen = b.index.at(i)
                if seen is not None and (seen.kind != "Organization" or seen.key in b.ref.actors):
                    return None  # a known name ("Democratic Republic of Congo")
                if seen is not None:  # the model's "Liberal" of "Liberal Democrat MP"
                    b.rename(seen.key, key)
            b.add(key, "Organization", doc[start : j + 1])
            return key, start
    return None


def _portfolio_word(tok, title: Span) -> bool:
    """A lower-case word of the post's portfolio between the owner and the title ("foreign affairs")."""
    return tok.is_lower and tok.is_alpha and tok.dep_ in ("compound", "amod") and tok.head.i < title.end + 1


def add_roles(b: ActorBuilder) -> None:
    """kg:role, kg:leaderOf and kg:memberOf from titles, appositions and bylines."""
    doc, ref = b.doc, b.ref
    for m in b.index.mentions:
        if m.kind != "Person":
            continue
        span = doc[m.start : m.end]
        found = _title_before(b, m.start)
        if found:
            title, _, owner = found
            if owner is None:
                owner = _owner_after(b, m)  # "President Hissene Habre of Chad"
            kind = ref.titles.get(title.replace("former ", "").lower())
            b.roles.setdefault(m.key, set()).add(title)
            b.relate(m.key, "role", title, span, 0.8)
            if owner is None and kind and kind.kind == "head" and not title.startswith("former"):
                # "President Joe Biden": the country whose president he was on the article's date
                held = [
                    t.of
                    for t in ref.roles_of(m.key, b.article.date)
                    if t.role.lower() == kind.name.lower() and t.of in ref.actors
                ]
                if len(held) == 1:
                    owner = held[0]
                    b.kinds.setdefault(owner, ref.actors[owner].kind)
            party = owner is not None and getattr(ref.actors.get(owner), "org_kind", None) == "party"
            if owner and not title.startswith("former"):
                owner_kind = b.kinds.get(owner)
                if kind and kind.kind == "head" and not title.startswith("shadow"):
                    if _may_lead(b, m.key, owner):
                        b.relate(m.key, "leaderOf", owner, span, 0.8)
                    if party:  # a party's leader is one of its members
                        b.relate(m.key, "memberOf", owner, span, 0.8)
                elif owner_kind == "Organization":
                    b.relate(m.key, "memberOf", owner, span, 0.7)
                elif owner_kind == "Country" and not title.startswith("shadow"):
                    b.serves.setdefault(m.key, owner)  # "Japanese Minister of Agriculture Taku Eto" acts for Japan
        else:
            _noun_role(b, m, span)
        _counterpart(b, m, span)
        _possessed(b, m, span)
        _apposition(b, m, span)


def _owner_after(b: ActorBuilder, m: Mention) -> str | None:
    """ "President Hissene Habre of Chad": the country or body named right after the name."""
    doc, j = b.doc, m.end
    if j < len(doc) and doc[j].lower_ == "of":
        j += 1 + (j + 1 < len(doc) and doc[j + 1].lower_ == "the")
        owner = b.index.at(j) if j < len(doc) else None
        if owner is not None and owner.kind in ("Country", "Organization"):
            return owner.key
    return None


def _noun_role(b: ActorBuilder, m: Mention, span: Span) -> None:
    """ "U2 frontman Bono", "Microsoft founder Bill Gates", "Amnesty researcher Jane Doe": a body, then a
    common noun for what the person does there, then the name."""
    doc = b.doc
    j = m.start - 1
    nouns = []
    while j >= 0 and doc[j].pos_ == "NOUN" and doc[j].is_lower and doc[j].head.i in range(m.start, m.end + 1):
        nouns.insert(0, doc[j])
        j -= 1
    body = b.index.at(j) if j >= 0 and nouns else None
    if body is None or body.kind != "Organization":
        return
    role = " ".join(t.text for t in nouns)
    b.roles.setdefault(m.key, set()).add(role)
    b.relate(m.key, "role", role, doc[body.start : m.end], 0.7)
    b.relate(m.key, "memberOf", body.key, doc[body.start : m.end], 0.7)


def _counterpart(b: ActorBuilder, m: Mention, span: Span) -> None:
    """ "held talks with his Indian counterpart, Rajiv Mehra": the person holds, for the country the
    demonym names, the post the sentence's subject holds (and stands for that country either way)."""
    root = span.root
    noun = root.head if root.dep_ in ("appos", "compound") and root.head.lower_ == "counterpart" else None
    if noun is None:
        noun = next((c for c in root.children if c.dep_ == "compound" and c.lower_ == "counterpart"), None)
    if noun is None:
        return
    country = next((b.index.demonyms[c.i] for c in noun.children if c.i in b.index.demonyms), None)
    if country is None:
        return
    b.serves.setdefault(m.key, country)
    verb = next((t for t in noun.ancestors if t.pos_ in ("VERB", "AUX")), None)
    subject = next((b.index.of_token(c) for c in verb.children if c.dep_ == "nsubj") if verb is not None else (), None)
    if subject is None or subject.kind != "Person":
        return
    heads = [
        r
        for r in b.roles.get(subject.key, ())
        if b.ref.titles.get(r.lower()) and b.ref.titles[r.lower()].kind == "head"
    ]
    if len(heads) == 1:
        b.kinds.setdefault(country, "Country")
        b.roles.setdefault(m.key, set()).add(heads[0])
        b.relate(m.key, "role", heads[0], span, 0.6)
        b.relate(m.key, "leaderOf", country, span, 0.6)


def _possessed(b: ActorBuilder, m: Mention, span: Span) -> None:
    """ "The BBC's Paul Reynolds", "Amnesty's Jane Doe": a body's person works for it."""
    doc = b.doc
    if m.start >= 2 and doc[m.start - 1].text in ("'s", "’s"):
        body = b.index.at(m.start - 2)
        if body is not None and body.kind == "Organization":
            b.relate(m.key, "memberOf", body.key, doc[body.start : m.end], 0.65)


ROLE_LEFT = lexicon.words("role_modifiers")


ROLE_PHRASE_ENDS = lexicon.words("role_phrase_ends")


def _role_phrase(title: Span) -> str:
    """The post as the apposition words it: "candidate for Deputy Minister of Trade for Africa",
    "Secretary General of the LDP", "former deputy prime minister" (up to "with", "at", "and")."""
    doc = title.doc
    start, end = title.start, title.end
    while start > 0 and doc[start - 1].lower_ in ROLE_LEFT:
        start -= 1
    while end < len(doc) and doc[end].lower_ in ("of", "for") and end + 1 < len(doc) and not doc[end + 1].is_punct:
        obj = next((c for c in doc[end].children if c.dep_ == "pobj"), None)
        if obj is None:
            break
        end = obj.right_edge.i + 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("and", "or")):
            end -= 1
    words = doc[start:end]
    cut = next((t.i for t in words if t.lower_ in ROLE_PHRASE_ENDS or t.text in (",", ";", "(")), None)
    if cut is not None and cut > title.end - 1:
        words = doc[start:cut]
    text = words.text.strip()
    return text or (title.id_ or title.text)


def _apposition(b: ActorBuilder, m: Mention, span: Span) -> None:
    """ "Ana Ruiz, a former prime minister ... of Peru's Popular Force party" and bylines
    ("X is a Research Fellow with the Lowy Institute's Asia Programme")."""
    doc = b.doc
    root = span.root
    heads = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":  # "a former premier and leading figure in the party, Ana Ruiz,"
        heads.append(root.head)
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        heads += [c for c in root.head.children if c.dep_ == "attr"]
    for head in heads:
        # the apposition itself, without what is coordinated after it ("..., and Makoto Nishida, ...")
        right = max(
            [head.i] + [c.right_edge.i for c in head.children if c.dep_ not in ("conj", "cc", "punct") and c.i > head.i]
        )
        sub = doc[head.left_edge.i : right + 1]
        if head is root.head:
            sub = doc[head.left_edge.i : root.i]
        own = b.index.at(head.i)
        if own is not None and own.kind == "Person" and own.key != m.key:
            continue  # "Aso, Kishida's rival": the apposition is another person
        titles = [
            s
            for s in doc.spans.get(TITLES_KEY, [])
            if s.start >= sub.start and s.end <= sub.end and s.label_ in ("head", "office")
        ]
        if not titles:
            continue
        role = _role_phrase(min(titles, key=lambda t: (t.start, -len(t))))
        b.roles.setdefault(m.key, set()).add(role)
        b.relate(m.key, "role", role, sub, 0.7)
        for other in b.index.within(sub.start, sub.end, ("Organization",)):
            b.relate(m.key, "memberOf", other.key, sub, 0.6)
        # "Kenya's new president, William Ruto", "the Kenyan president, William Ruto": the country he leads
        title = min(titles, key=lambda t: (t.start, -len(t)))
        kind = b.ref.titles.get((title.id_ or title.text).lower())
        if kind is None or kind.kind != "head" or {"former", "shadow", "ex", "then"} & set(role.lower().split()):
            continue
        owners = [
            b.index.demonyms[i] if i in b.index.demonyms else b.index.at(i).key
            for i in range(sub.start, title.start)
            if i in b.index.demonyms or (b.index.at(i) and b.index.at(i).kind == "Country")
        ]
        if len(set(owners)) == 1 and _may_lead(b, m.key, owners[0]):
            b.relate(m.key, "leaderOf", owners[0], sub, 0.6)


def _may_lead(b: ActorBuilder, person: str, country: str) -> bool:
    """False when the reference knows another leader of the country on the article's date: "Chinese
    Premier Li Qiang" under President Xi leads no country."""
    if getattr(b.ref.actors.get(country), "kind", None) != "Country" or not b.article.date:
        return True
    return b.ref.leader(country, b.article.date) in (None, person)
