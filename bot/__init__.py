"""Telegram bridge: python-telegram-bot (v22) <-> Rasa REST channel, anonymous by construction."""
