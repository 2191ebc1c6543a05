"""An empty gunicorn config: gunicorn's own defaults.

Without `--config`, gunicorn reads ./gunicorn.conf.py, the production settings
(threads, worker recycling), so a server meant to run on the defaults names
this file instead."""
