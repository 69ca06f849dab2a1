"""A short version of the soak test (make soak runs 10 conversations for 10 minutes)."""
import asyncio

import load  # scripts/load.py (tests/conftest.py puts scripts/ on sys.path)


def test_ten_concurrent_conversations_lose_no_turn(stack):
    result = asyncio.run(load.run(stack.rest_url, conversations=10, seconds=20, pids=[stack.procs["rasa"].pid]))
    assert result["turns"] >= 20
    assert result["failures"] == 0, result
