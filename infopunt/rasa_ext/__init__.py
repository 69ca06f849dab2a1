"""Plug-ins for the Rasa 3.6 runtime (.venv-rasa): NLU components and the catalog NLG."""
