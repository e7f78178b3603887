"""The yardstick for bench/load.py: the smallest Flask app, served by the same gunicorn in the same run."""
from flask import Flask

app = Flask(__name__)


@app.route("/")
def trivial():
    return "ok"
