"""What a worker makes once and keeps for its life is put out of the garbage collector's sight.

Made with the app: the modules, the routes, the templates' code and the Thai dictionary the post screening
loads when it checks its rule files (a trie of some 235,000 nodes): about 700,000 objects in all. A full
collection walks every object it tracks, and one came about every hundred requests, each taking 200 to 600 ms
on the 2-core build machine: it was the p99 of every page (issue 35). Frozen, a full collection walks only
what requests made since (about 35,000 objects, 10 to 30 ms). Python's own advice for long-running servers
(`gc.freeze`); nothing frozen is collected afterwards, which is what these objects need anyway.
"""
from __future__ import annotations

import gc

from flask import Flask


def freeze(app: Flask) -> None:
    if app.testing:  # a test run makes hundreds of apps that must be freed again
        return
    gc.collect()  # what making the app left as garbage goes first, so that none of it is kept for good
    gc.freeze()
