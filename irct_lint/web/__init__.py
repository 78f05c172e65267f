"""`irct-lint serve`: the checks in a browser page for registrants and behind an HTTP API for
registry systems. The app (app.py) answers; the linting runs in a pool of worker processes
(work.py), so that one heavy request never stalls the others; nothing submitted is stored
or logged."""
