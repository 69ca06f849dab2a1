"""The socket.io channel (as a widget on socket.io would use it): 112 first, and a safety reply when the
action server is down."""
import asyncio
import uuid

import socketio


async def converse(port: int, texts: list[str], per_message: float = 20.0) -> list[list[str]]:
    client = socketio.AsyncClient()
    replies: asyncio.Queue = asyncio.Queue()

    @client.on("bot_uttered")
    async def on_bot(data):
        await replies.put(data.get("text", ""))

    session = f"sio-{uuid.uuid4().hex[:12]}"
    await client.connect(f"http://127.0.0.1:{port}", transports=["polling"])
    await client.emit("session_request", {"session_id": session})
    out = []
    for text in texts:
        await client.emit("user_uttered", {"message": text, "session_id": session})
        got = [await asyncio.wait_for(replies.get(), per_message)]
        await asyncio.sleep(1.0)
        while not replies.empty():
            got.append(replies.get_nowait())
        out.append(got)
    await client.disconnect()
    return out


def test_socketio_without_action_server_still_answers_with_112(rasa_without_actions):
    danger, report = asyncio.run(converse(rasa_without_actions.rasa_port, ["they locked me in", "ik wil aangifte doen"]))
    assert danger[0].startswith("Call 112 now")
    assert any("112" in r and "0800-2000" in r for r in report)
