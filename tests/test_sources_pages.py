"""The source reader and the browse pages."""

from __future__ import annotations

import re

from app.extensions import db
from app.models import Fact


def test_source_page_shows_metadata_and_highlights_the_named_passage(app, client):
    response = client.get("/sources/nwe?passage=nwe-second-trial-dates")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "CC BY-SA 3.0" in page and "Reference work" in page and "SHA-256" in page
    with app.app_context():
        fact = db.session.get(Fact, "nwe-second-trial-dates")
    mark = re.search(r'<mark class="passage" id="passage" tabindex="-1">(.*?)</mark>', page)
    assert mark, "no highlighted passage"
    assert mark.group(1) == fact.quote.replace('"', "&#34;").replace("'", "&#39;")


def test_every_paragraph_has_an_anchor(client):
    page = client.get("/sources/brookshaw").get_data(as_text=True)
    anchors = re.findall(r'<p id="p(\d+)" data-start="\d+">', page)
    assert len(anchors) > 40
    assert "Partisan essay" in page and "All rights reserved" in page


def test_lists_of_defendants_render_as_ordered_lists(client):
    page = client.get("/sources/nwe").get_data(as_text=True)
    assert re.search(r'<li id="p\d+" data-start="\d+" value="16">Nathan Lurye</li>', page)


def test_a_character_range_can_be_highlighted(client):
    page = client.get("/sources/brookshaw?start=3&end=20").get_data(as_text=True)
    assert '<mark class="passage" id="passage"' in page


def test_a_stale_passage_link_still_shows_the_text(client):
    page = client.get("/sources/nwe?passage=no-such-fact").get_data(as_text=True)
    assert "no longer part of the curated facts" in page


def test_facts_can_be_filtered_by_source_topic_and_words(client):
    page = client.get("/sources/facts?source=nwe&topic=trial-1938&q=Kremlin doctor").get_data(
        as_text=True
    )
    assert "Kremlin doctor" in page
    assert "brookshaw" not in re.findall(r"/sources/(\w+)\?passage", page)


def test_people_index_links_each_person_to_their_facts(client):
    page = client.get("/sources/people").get_data(as_text=True)
    assert "Nikolai Bukharin" in page
    person = client.get("/sources/people/bukharin").get_data(as_text=True)
    assert person.count("Read the passage") >= 5


def test_timeline_is_in_date_order(client):
    page = client.get("/sources/timeline").get_data(as_text=True)
    dates = re.findall(r'<time datetime="([\d-]+)">', page)
    assert len(dates) > 50 and dates == sorted(dates)


def test_disagreements_page_shows_both_passages_side_by_side(client):
    page = client.get("/sources/disagreements").get_data(as_text=True)
    assert "Between the sources" in page and "Within one source" in page
    assert "taken out and shot" in page and "Thirteen of the defendants" in page


def test_an_answer_highlight_covers_the_word_for_letters_that_fold_longer():
    """casefold() turns 'ß' into 'ss': an offset found in the folded quote marked
    one character too many in the quote the page shows."""
    from app.services.exports import _cloze
    from app.services.reading import highlight_answer
    from question_bank.folding import find_folded

    quote = "Er wohnte in der Großen Straße bei İstanbul."
    assert ">Straße</mark> bei" in str(highlight_answer(quote, ["strasse"]))
    assert ">Großen</mark> Straße" in str(highlight_answer(quote, ["GROSSEN"]))
    assert _cloze(quote, ["straße"]) == "Er wohnte in der Großen {{c1::Straße}} bei İstanbul."
    assert find_folded(quote, "s") == (quote.index("Straße"), quote.index("Straße") + 1)
    assert find_folded("ß", "s") is None


def test_a_passage_opened_from_a_study_page_links_back_to_it_and_nowhere_else(client):
    url = "/sources/nwe?passage=nwe-second-trial-dates&back="
    page = client.get(url + "/quiz/7/q/3").get_data(as_text=True)
    assert '<p class="back-bar"><a href="/quiz/7/q/3">← Back to the question</a></p>' in page
    page = client.get(url + "/cards/study?deck%3Dall:%26show%3D1").get_data(as_text=True)
    assert "← Back to your card" in page
    for elsewhere in (
        "//evil.example/quiz/",
        "https://evil.example/",
        "/quiz/\\evil",
        "/admin/users",
    ):
        page = client.get(url + elsewhere).get_data(as_text=True)
        assert "back-bar" not in page, elsewhere
