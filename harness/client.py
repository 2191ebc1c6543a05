"""The HTTP client for servers under test: one person's browser, with a cookie
jar, a kept-alive connection to each server and the login form's CSRF token.

Used by the load and fault harnesses (many at once, each request to the next
server in turn, as behind a round-robin load balancer), the audits (following
links and redirects as a person does) and the HTTP benchmarks."""

from __future__ import annotations

import html
import http.client
import re
import urllib.parse
from dataclasses import dataclass, field

CSRF = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
REDIRECTS = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 10


class LoginFailed(Exception):
    """The login form did not log the person in."""


@dataclass(frozen=True)
class Response:
    status: int
    # header names in lower case
    headers: dict[str, str]
    text: str
    # every Set-Cookie header, as sent
    set_cookies: list[str] = field(default_factory=list)


def csrf_token(page: str) -> str:
    """The CSRF token every page carries in its <meta name="csrf-token">."""
    found = CSRF.search(page)
    if found is None:
        raise RuntimeError("no CSRF token on the page")
    return html.unescape(found.group(1))


class Client:
    """A cookie jar and a connection to each of `urls` (one or more base URLs
    of the same site), used in turn. Every form sent carries the CSRF token of
    the last page that had one, unless the form names its own. A login holds
    only for the kind of browser that logged in: give the `user_agent` of the
    tool that will use the cookies."""

    def __init__(self, urls: str | list[str], first: int = 0, user_agent: str = "") -> None:
        self.urls = [urls] if isinstance(urls, str) else list(urls)
        self.hosts = [urllib.parse.urlsplit(url) for url in self.urls]
        self.connections: list[http.client.HTTPConnection | None] = [None] * len(self.urls)
        self.turn = first
        self.cookies: dict[str, str] = {}
        self.csrf = ""
        self.user_agent = user_agent

    def _connection(self, index: int) -> http.client.HTTPConnection:
        conn = self.connections[index]
        if conn is None:
            host = self.hosts[index]
            conn = http.client.HTTPConnection(host.hostname or "", host.port, timeout=30)
            self.connections[index] = conn
        return conn

    def _send(
        self, index: int, method: str, path: str, body: str | None, headers: dict[str, str]
    ) -> tuple[http.client.HTTPResponse, str]:
        """One request on the server's connection. A kept-alive connection the
        server has closed in the meantime is reopened and the request sent
        again at once, as browsers do: the server never saw it."""
        # A kept-alive connection may be sent on twice; a fresh one once.
        attempts = 2 if self.connections[index] is not None else 1
        for attempt in range(attempts):
            conn = self._connection(index)
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                break
            except (OSError, http.client.HTTPException) as error:
                conn.close()
                self.connections[index] = None
                stale = isinstance(
                    error, ConnectionResetError | BrokenPipeError | http.client.RemoteDisconnected
                )
                if not stale or attempt == attempts - 1:
                    raise
        text = response.read().decode()
        if response.will_close:
            conn.close()
            self.connections[index] = None
        return response, text

    def send(
        self,
        method: str,
        path: str,
        form: dict[str, str] | None = None,
        want_json: bool = False,
        keep: bool = True,
    ) -> Response:
        """One request to the next server; raises OSError or HTTPException when
        no server answered. Keeps the cookies and the page's CSRF token, unless
        `keep` is False (see `remember`)."""
        headers = {"Accept": "application/json" if want_json else "text/html"}
        if self.user_agent:
            headers["User-Agent"] = self.user_agent
        body = None
        if form is not None:
            body = urllib.parse.urlencode({"csrf_token": self.csrf, **form})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            headers["Cookie"] = self.cookie_header()
        index = self.turn % len(self.hosts)
        self.turn += 1
        sent, text = self._send(index, method, path, body, headers)
        response = Response(
            sent.status,
            {k.lower(): v for k, v in sent.headers.items()},
            text,
            sent.headers.get_all("Set-Cookie") or [],
        )
        if keep:
            self.remember(response)
        return response

    def remember(self, response: Response) -> None:
        """Keep the cookies a response sets and the CSRF token of its page."""
        for header in response.set_cookies:
            cookie, _, rest = header.partition("=")
            self.cookies[cookie] = rest.split(";", 1)[0]
        found = CSRF.search(response.text)
        if found:
            self.csrf = html.unescape(found.group(1))

    def request(
        self,
        name: str,
        method: str,
        path: str,
        form: dict[str, str] | None = None,
        want_json: bool = False,
    ) -> Response:
        """A step of a person's visit, named for the figures: here simply
        `send`; the load harness adds timing and retries."""
        return self.send(method, path, form, want_json)

    def follow(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[str, Response]:
        """Send a request and follow its redirects, as a browser does (a POST
        answered with a redirect becomes a GET); the final path and response."""
        response = self.send(method, path, form)
        for _ in range(MAX_REDIRECTS):
            if response.status not in REDIRECTS:
                return path, response
            target = urllib.parse.urlsplit(urllib.parse.urljoin(path, response.headers["location"]))
            path = urllib.parse.urlunsplit(("", "", target.path, target.query, ""))
            if response.status in (307, 308) and method != "GET":
                response = self.send(method, path, form)
            else:
                method, form = "GET", None
                response = self.send("GET", path)
        raise RuntimeError(f"more than {MAX_REDIRECTS} redirects from {path}")

    def login(self, username: str, password: str) -> None:
        """Log in through the login form, then open the dashboard."""
        self.request("login page", "GET", "/login")
        form = {"username": username, "password": password}
        response = self.request("log in", "POST", "/login", form)
        if response.status != 302:
            raise LoginFailed(f"log in as {username}: HTTP {response.status}")
        self.request("dashboard", "GET", "/dashboard")

    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def close(self) -> None:
        for conn in self.connections:
            if conn is not None:
                conn.close()
        self.connections = [None] * len(self.urls)
