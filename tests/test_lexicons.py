"""scripts/build_lexicons.py: CAMEO and Phoenix dictionaries -> newskg's generated lexicon files.

The parsers are tested on small dictionaries written here in the PETRARCH formats; the drift check
regenerates the committed files from the real dictionaries when they are on this machine.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("build_lexicons", ROOT / "scripts" / "build_lexicons.py")
lexicons = importlib.util.module_from_spec(spec)
sys.modules["build_lexicons"] = lexicons
spec.loader.exec_module(lexicons)

CAMEO = """\
&PARLEY
+PARLEY
+POWWOW

---  CONVENE_TEST   [040]  ---
+SIT_DOWN_WITH {+SAT_DOWN_WITH }
RENDEZVOUS
CONFAB [046]
- * (FOR PARLEY)                                    [046:046]     # RENDEZVOUS
- * &PARLEY                                          [036]         # CONFAB
- MEDIATORS *                                        [045]         # RENDEZVOUS

---  JOURNEY_TEST   [---]  ---
TREK
- * (TO)                                             [042]         # TREK
- * BACK                                             [042]         # TREK
"""

CLASSES = [
    {"match": "036", "class": "MEET_INTENT"},
    {"match": "04", "class": "MEET"},
    {"match": "042", "class": "VISIT"},
    {"match": "046", "class": "NEGOTIATE"},
]


def test_cameo_blocks_give_their_verbs_the_block_code_and_a_verb_code_of_its_own_wins():
    entries = lexicons.parse_cameo(CAMEO)
    plain = {(e.lemma, e.code) for e in entries if not e.frame}
    assert plain == {("sit down with", "040"), ("rendezvous", "040"), ("confab", "046"), ("trek", "")}


def test_cameo_patterns_become_frames_for_the_verbs_their_note_names():
    frames = {(e.lemma, e.frame, e.code) for e in lexicons.parse_cameo(CAMEO) if e.frame}
    assert frames == {
        ("rendezvous", "prep:for:parley", "046"),
        ("confab", "obj:parley", "036"),  # the synonym set expands
        ("confab", "obj:powwow", "036"),
        ("trek", "prep:to", "042"),  # "* BACK" is a particle, not an object; "MEDIATORS *" constrains the subject
    }


def test_classify_keeps_frames_only_when_they_change_the_class_and_drops_excluded_lemmas():
    rows = lexicons.classify(lexicons.parse_cameo(CAMEO), CLASSES, [{"lemma": "sit down with", "class": "*"}])
    assert rows == [
        ("confab", "", "NEGOTIATE", "046", "CONVENE_TEST"),
        ("confab", "obj:parley", "MEET_INTENT", "036", "CONVENE_TEST"),
        ("confab", "obj:powwow", "MEET_INTENT", "036", "CONVENE_TEST"),
        ("rendezvous", "", "MEET", "040", "CONVENE_TEST"),
        ("rendezvous", "prep:for:parley", "NEGOTIATE", "046", "CONVENE_TEST"),
        ("trek", "prep:to", "VISIT", "042", "JOURNEY_TEST"),
    ]


def test_a_block_class_overrides_the_code_for_the_block_verbs_only():
    classes = [*CLASSES, {"match": "block:JOURNEY_TEST", "class": "TRAVEL"}]
    rows = lexicons.classify(lexicons.parse_cameo(CAMEO), classes, [])
    assert ("trek", "", "TRAVEL", "", "JOURNEY_TEST") in rows
    assert ("trek", "prep:to", "VISIT", "042", "JOURNEY_TEST") in rows


ACTORS = """\
RURITANIA_  [RUR]
+RURITANIAN_
RUDOLF_VON_ELPHBERG_  # CountryInfo.txt
+KING_RUDOLF_VON_ELPHBERG_
+THE_ELPHBERG_ADMINISTRATION_
\t[RURELI 500101-780822]
\t[RURGOV 780822-021230]
\t[RURGOVMIL >030101]
FLAVIA_STRELSAU_  # CountryInfo.txt
\t[RURGOV 20100711-20150101]
RURITANIAN_PARLIAMENT_
\t[RURLEG]
"""


def test_phoenix_records_keep_synonyms_and_dated_codes():
    records = lexicons.parse_actors(ACTORS)
    assert [r.name for r in records] == ["RURITANIA", "RUDOLF VON ELPHBERG", "FLAVIA STRELSAU", "RURITANIAN PARLIAMENT"]
    assert records[1].codes == (
        ("RURELI", "1950-01-01", "1978-08-22"),
        ("RURGOV", "1978-08-22", "2002-12-30"),
        ("RURGOVMIL", "2003-01-01", ""),
    )
    assert records[2].codes == (("RURGOV", "2010-07-11", "2015-01-01"),)


def test_people_rows_give_proper_cased_names_title_free_aliases_and_government_terms():
    rows = lexicons.people_rows(lexicons.parse_actors(ACTORS), {"RUR"})
    assert rows == [
        ("Flavia Strelsau", "", "RUR", "2010-07-11..2015-01-01"),
        ("Rudolf von Elphberg", "", "RUR", "1978-08-22..2002-12-30|2003-01-01.."),
    ]


def test_proper_case_lowers_name_particles_after_the_first_word():
    assert lexicons.proper_case("BASHAR AL-ASSAD") == "Bashar al-Assad"
    assert lexicons.proper_case("FREDERIK WILLEM DE KLERK") == "Frederik Willem de Klerk"
    assert lexicons.proper_case("MIGUEL D'ESCOTO") == "Miguel D'Escoto"
    assert lexicons.proper_case("JOHN MCCAIN") == "John McCain"


def test_agent_rows_expand_substitutions_and_regular_and_listed_plurals():
    text = "!PERSON! = MAN, MEN\nSPOKES!PERSON!  [~MED]\nENVOY [~GOV]\nPOLICE {} [~COP]\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]\n"
    assert lexicons.agent_rows(text) == [
        ("attorney general", "GOVATG"),
        ("attorneys general", "GOVATG"),
        ("envoy", "GOV"),
        ("envoys", "GOV"),
        ("police", "COP"),
        ("spokesman", "MED"),
        ("spokesmen", "MED"),
    ]


@pytest.mark.skipif(
    not (lexicons.DEFAULT_SOURCE / "CAMEO.2.0.txt").is_file(),
    reason="the PETRARCH-2 dictionaries are not on this machine",
)
def test_committed_lexicons_match_the_dictionaries():
    pytest.importorskip("pycountry")
    assert lexicons.main(["--check"]) == 0


def test_organisation_rows_keep_bodies_with_their_acronyms_and_leave_out_posts_and_people():
    text = """\
INTERNATIONAL_WIDGET_AGENCY_\t[IGOWDGIWA]
IWA_\t[IGOWDGIWA]
WIDGET_ENVOY_\t[IGOWDG]
JANE_ROE_\t[IGOWDG]
THE_RURITANIAN_LIBERATION_FRONT_(RLF)_ [RURREB]
+FREE_RURITANIA_FRONT
"""
    rows = lexicons.org_rows(lexicons.parse_actors(text))
    assert rows == [
        ("International Widget Agency", "IWA", "IGOWDGIWA", "intergovernmental"),
        ("Ruritanian Liberation Front", "Free Ruritania Front|RLF", "RURREB", "armed_group"),
    ]
