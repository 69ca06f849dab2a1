"""The directory: organisations, regions and municipalities (SQLAlchemy 2), seeded from data/directory/.

Runs in .venv (action server, API, tools); the Rasa runtime never imports it.
"""
