"""The bare endpoint every figure is compared with: Flask, one route, no database."""

from flask import Flask

app = Flask(__name__)


@app.get("/hello")
def hello() -> str:
    return "hello"
