"""Typed answers are right in any equivalent form, and wrong answers stay wrong.

Each table row is what a student might type, the question's accepted answers (and,
where it matters, its rejected answers and prompt), and whether it is right."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from num2words import num2words

from question_bank.grading import grade_text, normalise
from question_bank.question import grade_response

DATE = ["29 January 1937"]
MONTH = ["January 1937"]


def _ids(rows: list[tuple[object, ...]]) -> list[str]:
    return [f"{row[0]!r}-for-{row[1]!r}" for row in rows]


# -- dates -----------------------------------------------------------------------------
DATES_RIGHT = [
    ("29 January 1937", DATE),
    ("January 29th", DATE),
    ("29th January", DATE),
    ("the 29th of January", DATE),
    ("29/1/1937", DATE),
    ("29.1.1937", DATE),
    ("1937-01-29", DATE),
    ("1937-01-02", ["2 January 1937"]),  # year first, then month, whatever the day
    ("Jan. 29, 1937", DATE),
    ("January 29, 1937", DATE),
    ("29 jan 1937", DATE),
    ("1/29/1937", DATE),  # month first, where the day cannot be the month
    ("on 29 January 1937", DATE),
    ("29 January 1937", ["29th January"]),
    ("January 29th 1937", ["29th January"]),
    ("August 1936", ["Aug 1936"]),
    ("Aug 1936", ["August 1936"]),
    ("08/1936", ["August 1936"]),
    ("8/1936", ["August 1936"]),
    ("1936-08", ["August 1936"]),
    ("Sept 1935", ["September 1935"]),
    ("March 1, 1938", ["1 March 1938"]),
    ("in 1936", ["1936"]),
]

DATES_WRONG = [
    ("28 January 1937", DATE),
    ("29 January 1938", DATE),
    ("29 February 1937", DATE),
    ("29/2/1937", DATE),
    ("January 1937", DATE),  # the month alone, when the day is asked
    ("1937", MONTH),
    ("February 1937", MONTH),
    ("Feb 1937", MONTH),
    ("January", MONTH),  # neither the key nor the question gives the year
    ("29 January 1937", MONTH),  # more than the key says, and cannot be confirmed
    ("1936", ["August 1936"]),
    ("June 1936", ["July 1936"]),  # never a typo across months
    ("1/29/1938", DATE),
    ("1937-02-01", ["2 January 1937"]),
    ("29", DATE),
]


@pytest.mark.parametrize(("typed", "accepted"), DATES_RIGHT, ids=_ids(DATES_RIGHT))
def test_a_date_in_any_common_format_is_right(typed, accepted):
    assert grade_text(typed, accepted).correct


@pytest.mark.parametrize(("typed", "accepted"), DATES_WRONG, ids=_ids(DATES_WRONG))
def test_a_different_or_vaguer_date_is_wrong(typed, accepted):
    assert not grade_text(typed, accepted).correct


@pytest.mark.parametrize(
    ("typed", "accepted", "prompt", "right"),
    [
        ("January", MONTH, "In which month of 1937 did the second trial open?", True),
        ("January", MONTH, "In which month did the second trial open?", False),
        ("29 January 1937", ["29th January"], "during the January 1937 trial", True),
        ("29 January 1938", ["29th January"], "during the January 1937 trial", False),
        ("29/1/1938", ["29th January"], "during the January 1937 trial", False),
        # another accepted answer gives the year, even when the question does not
        ("29 Jan 1938", ["29th January", "29 January 1937"], "", False),
    ],
)
def test_the_question_gives_the_year_an_answer_may_leave_out(typed, accepted, prompt, right):
    assert grade_text(typed, accepted, context=prompt).correct is right


def test_grading_a_stored_question_needs_no_prompt_argument():
    question = {"type": "short", "accepted": ["29th January"], "reject": []}
    assert grade_response(question, "January 29")[0]
    assert not grade_response(question, "January 28")[0]


# -- ranges ----------------------------------------------------------------------------
YEARS = ["1936-1938"]
RANGES_RIGHT = [
    ("1936-38", YEARS),
    ("1936–1938", YEARS),
    ("1936 – 1938", YEARS),
    ("from 1936 to 1938", YEARS),
    ("between 1936 and 1938", YEARS),
    ("1936 to 1938", YEARS),
    ("1936 until 1938", YEARS),
    ("1936-1938", ["between 1936 and 1938"]),
    ("19-24 August 1936", ["August 19-24, 1936"]),
    ("August 19–24, 1936", ["19-24 August 1936"]),
    ("from 19 to 24 August 1936", ["19-24 August 1936"]),
    ("23rd to the 30th of January 1937", ["23-30 January 1937"]),
    ("19 September 1935 to 1 May 1936", ["19th September 1935 until 1st May 1936"]),
    ("September 1935 to May 1936", ["Sept 1935 - May 1936"]),
]
RANGES_WRONG = [
    ("1936-37", YEARS),
    ("1937-1938", YEARS),
    ("from 1935 to 1938", YEARS),
    ("1936", YEARS),
    ("1938", YEARS),
    ("1936 and 1938", YEARS),  # two years, not the years between
    ("19-23 August 1936", ["19-24 August 1936"]),
    ("19-24 July 1936", ["19-24 August 1936"]),
    ("August 1936", ["19-24 August 1936"]),
]


@pytest.mark.parametrize(("typed", "accepted"), RANGES_RIGHT, ids=_ids(RANGES_RIGHT))
def test_a_range_in_any_common_form_is_right(typed, accepted):
    assert grade_text(typed, accepted).correct


@pytest.mark.parametrize(("typed", "accepted"), RANGES_WRONG, ids=_ids(RANGES_WRONG))
def test_a_different_range_or_one_end_of_it_is_wrong(typed, accepted):
    assert not grade_text(typed, accepted).correct


# -- numbers ---------------------------------------------------------------------------
NUMBERS_RIGHT = [
    ("13", ["thirteen"]),
    ("thirteen", ["13"]),
    ("Thirteen", ["13"]),
    ("THIRTEEN", ["thirteen"]),
    ("twenty-one", ["21"]),
    ("twenty one", ["21"]),
    ("21", ["Twenty-One"]),
    ("3,000", ["3000"]),
    ("3000", ["3,000"]),
    ("three thousand", ["3,000"]),
    ("one hundred and eight", ["108"]),
    ("fifteen hundred", ["1,500"]),
    ("some 1,500", ["1500"]),
    ("about forty", ["40"]),
    ("40 million", ["40,000,000"]),
    ("forty million", ["$40,000,000"]),
    ("11th", ["eleventh"]),
    ("eleventh", ["11th"]),
    ("the Eleventh", ["11th"]),
    ("twenty-first", ["21st"]),
    ("sixtieth", ["60th"]),
]
NUMBERS_WRONG = [
    ("thirty", ["thirteen"]),
    ("thirteen", ["thirty"]),
    ("14", ["thirteen"]),
    ("twenty-two", ["21"]),
    ("300", ["3,000"]),
    ("30,000", ["3,000"]),
    ("12th", ["eleventh"]),
    ("twelfth", ["11th"]),
    ("4 million", ["40,000,000"]),
    ("1936", ["1938"]),
    ("1937", ["1936"]),
]


@pytest.mark.parametrize(("typed", "accepted"), NUMBERS_RIGHT, ids=_ids(NUMBERS_RIGHT))
def test_a_number_in_words_or_digits_is_right(typed, accepted):
    assert grade_text(typed, accepted).correct


@pytest.mark.parametrize(("typed", "accepted"), NUMBERS_WRONG, ids=_ids(NUMBERS_WRONG))
def test_a_different_number_is_never_a_typo(typed, accepted):
    assert not grade_text(typed, accepted).correct


# -- people and names ------------------------------------------------------------------
ZINOVIEV = ["Zinoviev", "Grigory Zinoviev"]
REINGOLD = ["Rejngold", "Reingold", "Isaac Rejngold", "Isak Reingold"]
NAMES_RIGHT = [
    ("Zinoviev", ZINOVIEV),
    ("zinoviev", ZINOVIEV),
    ("Grigory Zinoviev", ZINOVIEV),
    ("Grigori Zinoviev", ZINOVIEV),  # another transliteration of the first name
    ("G. Zinoviev", ZINOVIEV),
    ("Isaac Reingold", REINGOLD),  # first name of one variant, surname of another
    ("Isak Rejngold", REINGOLD),
    ("Léon Trotsky", ["Leon Trotsky"]),
    ("Leon Trotsky", ["Léon Trotsky"]),
    ("O’Brien", ["O'Brien"]),
    ("OBrien", ["O'Brien"]),
    ("Ter Vaganyan", ["Ter-Vaganyan"]),
    ("Tervaganyan", ["Ter-Vaganyan"]),
    ("ter-vaganyan", ["Ter Vaganyan"]),
    ("the Dewey Commission", ["Dewey Commission"]),
    ("Dewey Commission", ["The Dewey Commission"]),
    ("Trotsky’s", ["Trotsky"]),
    ("Parallel Anti-Soviet Trotskyist Centre", ["Parallel anti-Soviet Trotskyist Center"]),
    ("nationalised property", ["nationalized property"]),
    ("vyshinksy", ["Andrei Vyshinsky"]),  # a small typo in the surname
    ("Andrey Vyshinsky", ["Andrei Vyshinsky"]),
]
NAMES_WRONG = [
    ("Nathan Zinoviev", ZINOVIEV),
    ("Grigory Grinko", ZINOVIEV),
    ("Grinko", ZINOVIEV),
    ("Isaac", REINGOLD),
    ("Pikel", REINGOLD),
    ("Bukharin trial", ["Bukharin-Rykov"]),
    ("Kamenev", ["Zinoviev"]),
    ("Trotskyist Centre", ["Parallel anti-Soviet Trotskyist Center"]),
    # one word of several changed, not misspelt: close as a whole, another thing
    ("Model T", ["Model A"]),
    ("Hungarian Soviet Republic", ["Bavarian Soviet Republic"]),
]


@pytest.mark.parametrize(("typed", "accepted"), NAMES_RIGHT, ids=_ids(NAMES_RIGHT))
def test_a_person_or_name_is_right_in_any_recorded_form(typed, accepted):
    assert grade_text(typed, accepted).correct


@pytest.mark.parametrize(("typed", "accepted"), NAMES_WRONG, ids=_ids(NAMES_WRONG))
def test_another_person_or_name_is_wrong(typed, accepted):
    assert not grade_text(typed, accepted).correct


LISTS_AND_QUALIFIERS_RIGHT = [
    ("Vladimir Lenin and Joseph Stalin", ["Lenin and Stalin"]),
    ("Stalin and Lenin", ["Lenin and Stalin"]),
    ("Grigory Zinoviev & Lev Kamenev", ["Zinoviev and Kamenev"]),
    ("Khrushchev's Secret Speech to the Twentieth Congress", ["Khrushchev's Secret Speech"]),
    ("Hotel Bristol in Copenhagen", ["Hotel Bristol"]),
    ("Oslo, in Norway", ["Oslo"]),
    ("in the summer of 1936", ["summer 1936"]),
    ("in Berlin", ["Berlin"]),
]
LISTS_AND_QUALIFIERS_WRONG = [
    ("Lenin and Trotsky", ["Lenin and Stalin"]),  # one of the two is wrong
    ("Lenin", ["Lenin and Stalin"]),  # half the list
    ("Lenin, Stalin and Kirov", ["Lenin and Stalin"]),  # one too many
    ("Hotel Bristol, not Copenhagen", ["Hotel Bristol"]),  # a negation
    ("Radek and Pyatakov", ["Radek"]),  # another answer beside it
    ("1936 to 1938", ["1936"]),  # a range is not its first year
]


@pytest.mark.parametrize(
    ("typed", "accepted"), LISTS_AND_QUALIFIERS_RIGHT, ids=_ids(LISTS_AND_QUALIFIERS_RIGHT)
)
def test_a_list_of_names_in_any_order_or_an_answer_placed_further_is_right(typed, accepted):
    assert grade_text(typed, accepted).correct


@pytest.mark.parametrize(
    ("typed", "accepted"), LISTS_AND_QUALIFIERS_WRONG, ids=_ids(LISTS_AND_QUALIFIERS_WRONG)
)
def test_a_list_with_a_wrong_or_missing_name_or_a_qualifier_that_changes_it_is_wrong(
    typed, accepted
):
    assert not grade_text(typed, accepted).correct


def test_the_last_word_alone_is_a_surname_only_for_a_name():
    assert grade_text("Zinoviev", ["Grigory Zinoviev"]).correct
    assert not grade_text("London", ["the East End of London"]).correct


def test_a_rival_in_the_qualifier_is_wrong():
    assert not grade_text("Oslo in Copenhagen", ["Oslo"], ["Copenhagen"]).correct


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("O’Brien", "O'Brien"),
        ("‘Our Street’", "'Our Street'"),
        ("Ter–Vaganyan", "Ter-Vaganyan"),
        ("  THE   Dewey  Commission ", "dewey commission"),
        ("Émigré", "emigre"),
        ("1930’s", "1930s"),
    ],
)
def test_normalised_forms_meet(one, other):
    assert normalise(one) == normalise(other)


def test_a_decade_is_not_its_first_year():
    assert normalise("1930’s") != normalise("1930")
    assert not grade_text("1930", ["the 1930s"]).correct


# -- rejected answers ------------------------------------------------------------------
# Accepted and rejected lists as the bank built them before grading knew equivalents:
# each rejected entry here is the accepted answer in another form.
ACCEPTED_WINS = [
    ("from 1936 to 1938", ["1936 and 1938", "1936-1938", "between 1936 and 1938"],
     ["from 1936 to 1938", "1937-1938", "1928 to 1933"]),
    ("between 1936 and 1938", ["1936 to 1938", "1936-1938", "from 1936 to 1938"],
     ["between 1936 and 1938", "1937–38"]),
    ("Grigori Zinoviev", ZINOVIEV, ["Grigori Zinoviev", "Grigory Grinko"]),
    ("Eduard Goltsman", ["Goltsman", "Holtzman", "Eduard Holtzman", "Golzman"],
     ["Eduard Goltsman", "Holzman"]),
    ("Isaac Reingold", REINGOLD, ["Isaac Reingold", "Pikel and Rejngold"]),
    ("Jan 1937", ["January 1937", "23-30 January 1937"], ["Jan 1937", "January 1938"]),
    ("23rd to the 30th of January 1937", ["January 23-30, 1937", "January 1937"],
     ["23rd to the 30th of January 1937", "10-17 April 1937"]),
    ("Nikita Khruschev", ["Khruschev", "Khrushchev", "Nikita Khrushchev"],
     ["Nikita Khruschev"]),
]  # fmt: skip


@pytest.mark.parametrize(("typed", "accepted", "reject"), ACCEPTED_WINS, ids=_ids(ACCEPTED_WINS))
def test_a_rejected_entry_never_blocks_an_accepted_answer_in_another_form(typed, accepted, reject):
    assert grade_text(typed, accepted, reject).correct


@pytest.mark.parametrize(
    ("typed", "accepted", "reject"),
    [
        # the rejected answers still are wrong, exactly and in any form of their own
        ("1937-1938", ["1936-1938"], ["1937-1938"]),
        ("1937–38", ["1936-1938"], ["1937-1938"]),
        ("Grigory Grinko", ZINOVIEV, ["Grigori Zinoviev", "Grigory Grinko"]),
        ("Holzman", ["Goltsman", "Holtzman", "Eduard Holtzman"], ["Eduard Goltsman", "Holzman"]),
        ("Moissei Lurye", ["Nathan Lurye"], ["Moissei Lurye"]),
        # a near-miss of a rejected answer is not taken for a misspelt accepted one
        ("Moisei Lurye", ["Nathan Lurye"], ["Moissei Lurye"]),
        ("Holzmann", ["Holtzman"], ["Holzman"]),
        # a surname two candidates share needs the first name
        ("Lurye", ["Nathan Lurye"], ["Moissei Lurye"]),
    ],
)
def test_a_rejected_answer_and_its_near_misses_stay_wrong(typed, accepted, reject):
    assert not grade_text(typed, accepted, reject).correct


def test_the_spelling_tolerance_is_kept_and_said():
    verdict = grade_text("Vyshinksy", ["Andrei Vyshinsky"])
    assert verdict.correct
    assert verdict.matched == "Andrei Vyshinsky"
    assert "spelling" in verdict.reason
    assert grade_text("January 1937", ["January 1937"]).reason == ""
    assert grade_text("Janury 1937", ["January 1937"]).correct
    assert not grade_text("Janury 1938", ["January 1937"]).correct


# -- properties ------------------------------------------------------------------------
_FORMATS = ("{d} {B} {Y}", "{B} {d}, {Y}", "{d}/{m}/{Y}", "{Y}-{m:02d}-{d:02d}", "{b}. {d}, {Y}")


def _written(day: date, form: str) -> str:
    return form.format(
        d=day.day, m=day.month, Y=day.year, B=day.strftime("%B"), b=day.strftime("%b")
    )


@settings(max_examples=200, deadline=None)
@given(
    day=st.dates(min_value=date(1900, 1, 1), max_value=date(1999, 12, 31)),
    other=st.dates(min_value=date(1900, 1, 1), max_value=date(1999, 12, 31)),
    key_form=st.sampled_from(_FORMATS),
    typed_form=st.sampled_from(_FORMATS),
)
def test_every_format_of_a_date_is_that_date_and_no_other(day, other, key_form, typed_form):
    key = [_written(day, key_form)]
    assert grade_text(_written(day, typed_form), key).correct
    assert grade_text(_written(other, typed_form), key).correct is (other == day)


@settings(max_examples=200, deadline=None)
@given(n=st.integers(min_value=0, max_value=999_999), m=st.integers(0, 999_999))
def test_a_number_in_words_is_that_number_and_no_other(n, m):
    words = num2words(n)
    assert grade_text(words, [str(n)]).correct, words
    assert grade_text(f"{n:,}", [words]).correct
    assert grade_text(num2words(m), [str(n)]).correct is (m == n)
    if n > 0:
        assert grade_text(num2words(n, to="ordinal"), [num2words(n, to="ordinal_num")]).correct


@pytest.mark.parametrize(
    ("prompt", "right"),
    [
        ("In which month of 1937 did the second Moscow trial open?", True),
        ("In which month and year did the second Moscow trial open?", False),
    ],
)
def test_a_quiz_answer_may_leave_out_the_year_its_question_names(prompt, right):
    question = {
        "type": "short",
        "prompt": prompt,
        "answer": "January 1937",
        "accepted": ["January 1937"],
        "reject": [],
    }
    assert grade_response(question, "January")[0] is right
