"""Shared core of Infopunt Mensenhandel, importable from both runtimes.

Only the standard library, Babel, PyYAML and lingua are used here, so that the Rasa process (.venv-rasa,
old pins) and the action server, bridge and tests (.venv, current libraries) load the same code.
`infopunt.rasa_ext` holds the parts that plug into Rasa itself.
"""
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
