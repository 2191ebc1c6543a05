"""The bare endpoint every figure is compared with: Flask, one route, no database."""

from flask import Flask

app = Flask(__name__)


@app.get("/hello")
def hello() -> str:
    return "hello"


@app.get("/healthz")
def healthz() -> dict[str, str]:
    """What harness.server waits for before the figures start."""
    return {"status": "ok"}
