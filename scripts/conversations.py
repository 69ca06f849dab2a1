"""Scripted conversations for load, soak and benchmarks (plain data, importable from both virtual environments)."""

# Our assistant: the main topics in Dutch and English, the signals form (payloads), a directory lookup.
SCRIPT = [
    "hallo", "ik wil aangifte doen", "hoe lang duurt de bedenktijd?", "I need a safe place to sleep",
    "my boss keeps my passport, is that normal?", "/affirm", "/deny", "/affirm", "/deny", "/deny",
    "can I get compensation?", "who can I talk to now?", "ik ben huisarts in Enschede", "thanks", "bye",
]

# The `rasa init` starter assistant (intents greet, mood_great, mood_unhappy, affirm, deny, bot_challenge, goodbye).
BASELINE_SCRIPT = [
    "hello there", "I am feeling very good", "hi", "I am sad", "yes", "hey", "not good", "no",
    "are you a bot?", "great", "bye",
]
