def test_home_page_renders(client):
    response = client.get("/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Learn history from its sources" in page
    # the built-in course, and that teachers bring their own
    assert "Moscow Trials of 1936–38" in page and "on any subject" in page
