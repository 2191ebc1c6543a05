"""A proposal's false statement: its statement with the answer swapped for
another of the same kind and shape that the text gives elsewhere, so that the
passage contradicts it and a true-or-false item has a false side."""

from __future__ import annotations

from app.services.proposal_falsehoods import false_statement
from app.services.proposals import propose

POOL = [
    ("4 June 1783", "date", 0),
    ("19 September 1783", "date", 100),
    ("21 November 1783", "date", 200),
    ("1785", "date", 300),
    ("Jacques Charles", "person", 400),
    ("Pilâtre de Rozier", "person", 500),
    ("Louis XVI", "person", 600),
    ("616", "number", 700),
    ("535", "number", 800),
    ("127", "number", 900),
    ("eight minutes", "number", 1000),
    ("25 minutes", "number", 1100),
    ("Lion Brewery", "organisation", 1200),
    ("Lambeth Company", "organisation", 1300),
    ("Southwark and Vauxhall Company", "organisation", 1400),
    ("Paris", "place", 1500),
    ("Versailles", "place", 1600),
]


def test_a_date_is_swapped_for_the_nearest_date_of_the_same_precision():
    statement = "The first free flight with people aboard took place on 21 November 1783."
    assert false_statement(statement, "21 November 1783", "date", POOL, 200) == (
        "The first free flight with people aboard took place on 19 September 1783."
    )
    # a year for a year, never a full date; a month taken from a full date the text gives
    assert false_statement("The balloon rose in 1783.", "1783", "date", POOL, 50) == (
        "The balloon rose in 1785."
    )
    assert false_statement("The balloon rose in June 1783.", "June 1783", "date", POOL, 50) in {
        "The balloon rose in September 1783.",
        "The balloon rose in November 1783.",
    }
    # none of the text's dates is near: the same date, a few years back, rather than
    # "In April 1961 the Swedish crown signed a contract" for one of 1625
    assert (
        false_statement(
            "The contract was signed in January 1625.",
            "January 1625",
            "date",
            [("24 April 1961", "date", 900)],
        )
        == "The contract was signed in January 1622."
    )
    # a span of years has no one date to swap
    assert (
        false_statement("It was shut from 1967 to 1975.", "from 1967 to 1975", "date", POOL) == ""
    )


def test_a_count_is_swapped_for_the_nearest_count_of_the_same_unit():
    assert false_statement("The outbreak killed 616 people.", "616", "number", POOL, 700) == (
        "The outbreak killed 535 people."
    )
    # a count in words ("eight minutes") has no size to be near: not used
    assert false_statement("They flew for 25 minutes.", "25 minutes", "number", POOL, 1100) == ""
    # one of another order of size would be ruled out at sight
    assert false_statement("It held 616 people.", "616", "number", [("10,000", "number", 5)]) == ""
    # "three days" where the text gives no other count of days: nothing to swap
    assert false_statement("Within three days they died.", "three days", "number", POOL) == ""


def test_a_name_is_swapped_for_another_the_statement_does_not_name():
    statement = "Jacques Charles launched a hydrogen balloon from the Champ de Mars."
    made = false_statement(statement, "Jacques Charles", "person", POOL, 400)
    assert made == "Pilâtre de Rozier launched a hydrogen balloon from the Champ de Mars."
    # never one the sentence names already, which may have done it too
    both = "Jacques Charles and Pilâtre de Rozier flew together."
    assert false_statement(both, "Jacques Charles", "person", POOL, 400) == (
        "Louis XVI and Pilâtre de Rozier flew together."
    )
    # a description or a title before the name would give the swap away
    for described in (
        "In 1783 the French physicist Jacques Charles flew.",
        "King Louis XVI watched the flight.",
    ):
        name = "Jacques Charles" if "Charles" in described else "Louis XVI"
        assert false_statement(described, name, "person", POOL, 400) == ""
    # nobody of another age: a salvager of 1956 is no swap for a shipbuilder of 1626
    ages = [("1626", "date", 0), ("Henrik Hybertsson", "person", 0), ("1956", "date", 900),
            ("Anders Franzén", "person", 900)]  # fmt: skip
    assert false_statement("Henrik Hybertsson built it.", "Henrik Hybertsson", "person", ages) == ""
    # a company for a company, not for the brewery
    water = "The Southwark and Vauxhall Company took its water from the Thames."
    assert false_statement(water, "Southwark and Vauxhall Company", "organisation", POOL, 1400) == (
        "The Lambeth Company took its water from the Thames."
    )


def test_places_and_terms_are_left_to_the_teacher():
    # "it appeared in Versailles" may be as true as "it appeared in Paris"
    assert false_statement("The flight took place in Paris.", "Paris", "place", POOL) == ""


def test_proposals_of_a_text_come_with_false_statements_the_passage_contradicts():
    text = (
        "# The first balloon flights\n\n"
        "On 4 June 1783 the brothers Montgolfier flew an unmanned balloon at Annonay.\n\n"
        "On 19 September 1783 a sheep, a duck and a rooster flew before the king at Versailles.\n\n"
        "The first free flight with people aboard took place on 21 November 1783 in Paris.\n\n"
        "Jacques Charles launched a hydrogen balloon from the Champ de Mars on 27 August 1783.\n"
    )
    made = [p for p in propose(text) if p.false_statement]
    assert len(made) >= 3
    for p in made:
        assert p.false_statement != p.statement
        assert p.answer not in p.false_statement
        # the swapped answer is one the text gives, and the rest of the statement stands
        swapped = p.false_statement.replace(p.statement.split(p.answer)[0], "", 1)
        assert swapped.split(" ")[0] in text
