def test_home_page_renders(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Learn the Moscow Trials" in response.get_data(as_text=True)
