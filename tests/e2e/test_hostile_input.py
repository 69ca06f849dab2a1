"""Over 200 hostile or broken inputs through REST: each gets a reply or a clean 4xx, the server stays up, and
a normal conversation works afterwards."""
import json
import random

import requests

from tests.e2e.stack import Conversation

TEXTS = (
    ["", " ", "\n\n", "\t", "\u200b", "\u00a0" * 5]
    + ["🙂", "🔥🔥🔥", "👍" * 300, "🇳🇱🇺🇦🇵🇱", "❤️‍🔥", "🤷‍♀️ ok"]
    + ["\x00\x01\x02", "abc\x07def", "\x1b[31mred\x1b[0m", "line1\r\nline2", "\u202eevil\u202c", "\u2066x\u2069"]
    + ["a" * 10001, "help " * 3000, "ik " * 5000, "я " * 6000, "\U0001F600" * 5000]
    + ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "{{7*7}}", "${jndi:ldap://x}",
       "'; DROP TABLE events; --", "\" OR 1=1 --", "Robert'); DROP TABLE municipality;--", "%s%s%s%n", "{desks}{place}"]
    + ["/", "//", "/greet{", "/greet{\"x\":", "/ask_rights/../../etc", "/nonexistent_intent", "/change_language{\"language\": \"zz\"}",
       "/inform{\"location\": \"'; DROP TABLE x;--\"}", "/find_desk{\"desk_page\": \"-9999\"}", "/find_desk{\"desk_page\": \"x\"}",
       "/ask_report{\"exploitation_type\": \"<b>\"}", "/affirm@2.5", "/emergency@-1"]
    + ["Привет, я в Utrecht", "مرحبا أنا في أمستردام", "Cześć, jestem w Den Haag", "ok ok ok 112", "112", "0800-2000",
       "ﷺ", "𝔥𝔢𝔩𝔭", "ɥǝlԀ", "h e l p", "HELP ME", "AsDfGhJkL", "1234 AB", "9999", "0000", "Den Bosch???",
       "日本語のメッセージ", "한국어", "ትግርኛ", "עברית", "ελληνικά"]
)


def requests_list():
    rng = random.Random(7)
    out = [("text", t) for t in TEXTS]
    while len(out) < 160:
        length = rng.choice([1, 5, 40, 400, 4000])
        out.append(("text", "".join(chr(rng.choice([rng.randint(32, 0x2FF), rng.randint(0x400, 0x4FF),
                                                    rng.randint(0x600, 0x6FF), rng.randint(0x1F300, 0x1F5FF)]))
                                    for _ in range(length))))
    bodies = [b"", b"null", b"[]", b"123", b"\"str\"", b"{", b"{\"sender\":", b"\xff\xfe\xfa", b"{}", b"{\"sender\": null}",
              b"{\"sender\": 12, \"message\": \"hi\"}", b"{\"sender\": \"\", \"message\": \"hi\"}",
              b"{\"sender\": {\"a\": 1}, \"message\": \"hi\"}", b"{\"sender\": \"ok-sender\", \"message\": [1]}",
              b"{\"sender\": \"ok-sender\", \"message\": {\"t\": 1}}", json.dumps({"sender": "s" * 1000, "message": "x"}).encode(),
              b"{\"sender\": \"ok-sender\", \"message\": \"hi\", \"metadata\": \"notadict\"}",
              b"{\"sender\": \"ok-sender\", \"message\": \"hi\", \"metadata\": {\"language\": 5}}",
              b"<xml/>", b"sender=a&message=b"]
    out += [("raw", b) for b in bodies]
    out += [("ctype", ct) for ct in ["text/plain", "application/xml", "multipart/form-data", "application/x-www-form-urlencoded"]]
    out += [("sender", s) for s in ["a", "x" * 128, "../../etc/passwd", "tg-" + "0" * 40, "💀", "' OR 1=1", "\u202e"]]
    out += [("repeat", i) for i in range(20)]
    return out


def test_hostile_inputs(stack):
    url = stack.rest_url
    cases = requests_list()
    assert len(cases) >= 200
    c = Conversation(stack)
    for kind, value in cases:
        if kind == "text":
            r = requests.post(url, json={"sender": c.sender, "message": value}, timeout=60)
            assert r.status_code == 200 and r.json(), (kind, value[:40])
        elif kind == "raw":
            r = requests.post(url, data=value, headers={"Content-Type": "application/json"}, timeout=60)
            assert r.status_code == 400 or (r.status_code == 200 and r.json()), value[:40]
        elif kind == "ctype":
            r = requests.post(url, data=json.dumps({"sender": c.sender, "message": "hi"}), headers={"Content-Type": value},
                              timeout=60)
            assert r.status_code in (200, 400, 415), value
        elif kind == "sender":
            r = requests.post(url, json={"sender": value, "message": "hi"}, timeout=60)
            assert r.status_code == 200 and r.json(), value
        else:  # very fast repeats of the same message
            r = requests.post(url, json={"sender": c.sender, "message": "help help"}, timeout=60)
            assert r.status_code == 200 and r.json()
    assert requests.get(f"http://127.0.0.1:{stack.rasa_port}/", timeout=10).status_code == 200
    fresh = Conversation(stack)
    assert fresh.say("they locked me in")[0]["text"].startswith("Call 112 now")
