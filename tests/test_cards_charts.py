"""The flashcard dashboard's charts carry a title, axes, labels and a text version."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from app import clock
from app.extensions import db
from app.models import Role, User
from app.services import cards

T0 = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)


def test_the_heatmap_and_forecast_have_axes_and_a_table(app, login_as, monkeypatch):
    client, user = login_as(Role.STUDENT)
    with app.app_context():
        acting = db.session.get(User, user.id)
        for i, fact in enumerate(("nwe-second-trial-dates", "nwe-dewey-commission-may-1937")):
            cards.grade(db.session, acting, fact, 3, 0, None, 4000, T0 - timedelta(days=40 - i))
        db.session.commit()
    monkeypatch.setattr(clock, "now", lambda: T0)
    page = client.get("/cards/").get_data(as_text=True)
    heatmap = page[page.index('id="heatmap-title"') : page.index('id="forecast-title"')]
    assert [m for m in re.findall(r'class="axis">(\w+)</text>', heatmap)][:3] == [
        "Mon",
        "Wed",
        "Fri",
    ]
    assert ">Jan</text>" in heatmap and ">Feb</text>" in heatmap
    assert "<tr><td>January 2026</td><td>2</td><td>2</td></tr>" in heatmap
    forecast = page[page.index('id="forecast-title"') :]
    assert "Cards due per day · the tallest bar is" in forecast
    assert "Forecast as a table" in forecast and "<span>in 29 days</span>" in forecast
