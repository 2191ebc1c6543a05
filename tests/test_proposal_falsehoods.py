"""A proposal's false statement: its statement with the answer swapped for
another date or count of the same shape that the text gives elsewhere, so that
the passage contradicts it and a true-or-false item has a false side."""

from __future__ import annotations

from app.services.proposal_falsehoods import false_statement
from app.services.proposals import propose

POOL = [
    ("4 June 1783", "date"),
    ("19 September 1783", "date"),
    ("21 November 1783", "date"),
    ("1785", "date"),
    ("Jacques Charles", "person"),
    ("Pilâtre de Rozier", "person"),
    ("616", "number"),
    ("535", "number"),
    ("127", "number"),
    ("10,000", "number"),
    ("eight minutes", "number"),
    ("25 minutes", "number"),
    ("Lambeth Company", "organisation"),
    ("Southwark and Vauxhall Company", "organisation"),
    ("Paris", "place"),
    ("Versailles", "place"),
]


def test_a_date_is_swapped_for_the_nearest_date_of_the_same_precision():
    statement = "The first free flight with people aboard took place on 21 November 1783."
    assert false_statement(statement, "21 November 1783", "date", POOL) == (
        "The first free flight with people aboard took place on 19 September 1783."
    )
    # a year for a year, never a full date; a month taken from a full date the text gives
    assert false_statement("The balloon rose in 1783.", "1783", "date", POOL) == (
        "The balloon rose in 1785."
    )
    assert false_statement("The balloon rose in June 1783.", "June 1783", "date", POOL) in {
        "The balloon rose in September 1783.",
        "The balloon rose in November 1783.",
    }
    # never one the statement gives already
    both = "Work began in 1783 and ended in 1785."
    assert false_statement(both, "1783", "date", POOL) == "Work began in 1780 and ended in 1785."
    # a span of years has no one date to swap
    assert (
        false_statement("It was shut from 1967 to 1975.", "from 1967 to 1975", "date", POOL) == ""
    )


def test_a_date_outside_the_main_claim_is_not_swapped():
    pool = [
        ("1945", "date"),
        ("1942", "date"),
        ("13 December 1917", "date"),
        ("6 December 1917", "date"),
    ]
    for statement, answer in (
        ("It was the largest explosion before the first atomic bombs of 1945.", "1945"),
        (
            "The blame was examined by an inquiry that opened on 13 December 1917.",
            "13 December 1917",
        ),
        ("The crossing was built to a new plan, opening on 13 December 1917.", "13 December 1917"),
        ("Hybertsson was a master shipbuilder, and work began in 1942.", "1942"),
        ("He died on 13 December 1917, only 10 months after the disaster.", "13 December 1917"),
    ):
        assert false_statement(statement, answer, "date", pool) == "", statement
    # the date of another event the statement names: "after the Battle of Waterloo on"
    waterloo = "The years after the Battle of Waterloo on 13 December 1917 were hard."
    assert false_statement(waterloo, "13 December 1917", "date", pool) == ""
    # "the morning of" says when the claim happened: it is the claim's own date
    morning = "On the morning of 6 December 1917 a cargo ship blew up in the harbour."
    assert false_statement(morning, "6 December 1917", "date", pool) == (
        "On the morning of 13 December 1917 a cargo ship blew up in the harbour."
    )


def test_the_day_of_the_week_goes_with_the_date_it_was():
    statement = "On the night of Saturday 21 November 1783 a fire burned four blocks."
    assert false_statement(statement, "21 November 1783", "date", POOL) == (
        "On the night of 19 September 1783 a fire burned four blocks."
    )


def test_a_date_far_from_any_the_text_gives_is_moved_a_few_years_instead():
    # not "In April 1961 the Swedish crown signed a contract", of one signed in 1625
    far = [("24 April 1961", "date")]
    assert false_statement(
        "The contract was signed in January 1625.", "January 1625", "date", far
    ) == ("The contract was signed in January 1622.")


def test_a_count_is_swapped_for_the_nearest_count_of_the_same_unit():
    assert false_statement("The outbreak killed 616 people.", "616", "number", POOL) == (
        "The outbreak killed 535 people."
    )
    # one of another order of size would be ruled out at sight
    assert false_statement("It held 616 people.", "616", "number", [("10,000", "number")]) == ""
    # a count in words ("eight minutes") has no size to be near; "three days" where the
    # text gives no other count of days: nothing to swap
    assert false_statement("They flew for 25 minutes.", "25 minutes", "number", POOL) == ""
    assert false_statement("Within three days they died.", "three days", "number", POOL) == ""
    # one end of a range: not "force 13 or 11"
    pool = [("13", "number"), ("10", "number"), ("11", "number")]
    assert false_statement("The wind was force 10 or 11.", "10", "number", pool) == ""
    assert false_statement("The wind was force 10 or 11.", "11", "number", pool) == ""


def test_people_companies_and_places_are_left_to_the_teacher():
    # "Pilâtre de Rozier launched a hydrogen balloon" is unmentioned, not contradicted
    for statement, answer, kind in (
        ("Jacques Charles launched a hydrogen balloon.", "Jacques Charles", "person"),
        ("The Lambeth Company moved its intake.", "Lambeth Company", "organisation"),
        ("The flight took place in Paris.", "Paris", "place"),
    ):
        assert false_statement(statement, answer, kind, POOL) == ""


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
    dates = {"4 June 1783", "19 September 1783", "21 November 1783", "27 August 1783"}
    for p in made:
        assert p.answer_type == "date" and p.answer not in p.false_statement
        # the rest of the statement stands, with another of the text's dates in the answer's place
        assert p.false_statement in {p.statement.replace(p.answer, d) for d in dates - {p.answer}}
