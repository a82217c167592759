"""Policies in any news story: which phrases name a measure, and who pushes it, on sentences written for it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def policies(ex) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    return {p.label: (p.proponents, p.targets) for p in ex.policies}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the subject through an adjective and a raising verb ("was poised to impose")
        (
            "The European Union was poised to impose steep tariffs on Chinese steel imports.",
            {"steep tariffs on Chinese steel imports": (("European Union",), ("China",))},
        ),
        # the agent of a participle after the measure
        (
            "The food aid scheme used by the United Nations in Somalia was widely copied.",
            {"food aid scheme": (("United Nations",), ())},
        ),
        # coordinated signers
        ("Tanzania and Uganda signed an oil pipeline deal.", {"oil pipeline deal": (("Tanzania", "Uganda"), ())}),
        # a metaphor and an adjective alone name no measure
        ("The red line was crossed, the envoy said.", {}),
        # what a plan, bid or drive is to do is the policy; who plans it proposes it
        (
            "The Kenyan government has plans to move all ministries from Nairobi to Naivasha.",
            {"move all ministries from Nairobi to Naivasha": (("Kenya",), ())},
        ),
        (
            "Mr Modi's bid to abolish the old banknotes, which critics attacked, went ahead.",
            {"abolish the old banknotes": (("Narendra Modi",), ())},
        ),
        # a plan to travel is an event, not a policy
        ("The chancellor unveiled a plan to visit Brazil in May.", {}),
        # what an advocate or promoter pushes, past "the concept of"; people and groups are no policy
        (
            "Chancellor Olaf Scholz has long been a leading advocate of Ukrainian membership.",
            {"Ukrainian membership": (("Olaf Scholz", "Germany"), ())},
        ),
        (
            "President Lula is an ardent promoter of the idea of a South American currency.",
            {"South American currency": (("Luiz Inácio Lula da Silva", "Brazil"), ())},
        ),
        ("The bishop was a champion of the poor.", {}),
        # who tries to halt a programme is not its proponent
        (
            "Britain and France tried to halt the Iranian nuclear programme.",
            {"Iranian nuclear programme": (("Iran",), ())},
        ),
        ("The minister called it a limited measure.", {}),
        # a stance in -ism needs no modifier; who is worried about it or warns against it does not push it
        (
            "The minister is alarmed by a surge in protectionism in the European Parliament.",
            {"protectionism": (("European Parliament",), ())},
        ),
        ("The senator warned against protectionism.", {}),  # a stance nobody holds is a topic
        ("The minister said nationalism was on the rise.", {}),
        # the one accused of a measure pushes it
        ("Beijing accused Washington of unilateralism.", {"unilateralism": (("United States",), ())}),
        ("Japan criticised Norway for its whaling policy.", {"whaling policy": (("Norway",), ())}),
        # a tax is a measure; a campaign for an election is none
        (
            "The EU proposed a carbon border tax on imports from China.",
            {"carbon border tax on imports from China": (("European Union",), ("China",))},
        ),
        ("He paid his taxes.", {}),
        ("The president's election campaign focused on the economy.", {}),
    ],
)
def test_policy_phrases_and_their_proponents(run, text: str, expected) -> None:
    assert policies(run(text, date="2023-06-01")) == expected
