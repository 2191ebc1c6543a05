"""Error pages in the site's layout; database errors roll back."""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError

from app.extensions import db
from app.models import User


def test_404_page_is_in_the_layout(client):
    response = client.get("/no/such/page")
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "Not found" in page and 'class="site-header"' in page and "Sourcebook" in page


def test_405_is_a_page_too(client):
    response = client.get("/logout")
    assert response.status_code == 405
    assert 'class="site-header"' in response.get_data(as_text=True)


def test_json_clients_get_json_errors(client):
    response = client.get("/no/such/page", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.json["error"] == "Not found"


def test_a_database_error_rolls_back_and_shows_a_500_page(app, make_user):
    user = make_user()

    @app.get("/test-boom")
    def boom():
        db.session.get(User, user.id).display_name = "half-written"
        db.session.flush()
        db.session.execute(text("SELECT * FROM no_such_table"))
        return "unreachable"

    client = app.test_client()
    response = client.get("/test-boom")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Something went wrong" in page and 'class="site-header"' in page
    with app.app_context():
        assert (
            db.session.scalar(select(User.display_name).where(User.id == user.id))
            == user.display_name
        )


def test_an_unexpected_exception_is_a_500_page(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/test-crash")
    def crash():
        raise RuntimeError("a bug")

    response = app.test_client().get("/test-crash")
    assert response.status_code == 500
    assert "Nothing you saved is lost" in response.get_data(as_text=True)


def test_a_database_that_went_away_asks_for_a_retry(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/test-gone")
    def gone():
        raise OperationalError("SELECT 1", {}, Exception("server closed the connection"))

    response = app.test_client().get("/test-gone")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert "sending it twice does no harm" in response.get_data(as_text=True)


def test_an_id_too_large_for_the_database_is_a_404(login_as):
    client, _ = login_as()
    for url in ("/lessons/9223372036854775808", "/quiz/2147483648/q/1", "/quiz/1/q/99999999999"):
        response = client.get(url)
        assert response.status_code == 404, url
    assert client.get("/quiz/2147483647/q/1").status_code == 404  # the largest id: simply not found


def test_a_nul_byte_in_the_address_is_a_clear_400(client):
    response = client.get("/sources/people/%00")
    assert response.status_code == 400
    assert "invalid character" in response.get_data(as_text=True)
