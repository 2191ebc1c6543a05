"""Dates as a text writes them: shapes, and the other dates a text gives."""

from __future__ import annotations

from question_bank.dates import date_shape, nearest_in_text, sentence_at

TEXT = (
    "# The Bubble of 1720\n\n"
    "In 1718 King George I became the governor of the company. The Act received royal "
    "assent on 7 April 1720.\n\n"
    "The first subscription, on 14 April 1720, offered shares at £300. In August 1720 the "
    "company sued its rivals. The company was wound up in 1853.\n"
)


def test_a_date_has_a_shape_and_a_time():
    assert date_shape("7 April 1720")[0] == "day"
    assert date_shape("August 1720")[0] == "month"
    assert date_shape("1853") == ("year", 1853.0)
    assert date_shape("from 1967 to 1975") is None
    assert date_shape("7 April 1720")[1] < date_shape("14 April 1720")[1]


def test_the_text_gives_other_dates_of_the_same_shape_nearest_first_never_a_headings():
    years = nearest_in_text("1718", TEXT, 3, lambda d: True)
    assert [d for d, _ in years] == ["1720", "1853"]  # from its dates; not the heading's alone
    assert years[0][1] == "The Act received royal assent on 7 April 1720."
    months = nearest_in_text("June 1720", TEXT, 3, lambda d: d != "April 1720")
    assert [d for d, _ in months] == ["August 1720"]
    days = nearest_in_text("7 April 1720", TEXT, 3, lambda d: True)
    assert days == [
        ("14 April 1720", "The first subscription, on 14 April 1720, offered shares at £300.")
    ]


def test_the_sentence_around_an_offset_stays_in_its_paragraph():
    at = TEXT.index("1853")
    assert sentence_at(TEXT, at) == "The company was wound up in 1853."
