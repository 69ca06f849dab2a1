"""No outbound connections: after a conversation, every TCP socket of the stack's processes is on loopback
(telemetry is off; nothing reaches Sentry or any other host)."""
import os
import socket
import struct

from tests.e2e.stack import Conversation


def _loopback(hex_addr: str) -> bool:
    ip_hex, _ = hex_addr.split(":")
    if len(ip_hex) == 8:
        ip = socket.inet_ntop(socket.AF_INET, struct.pack("<I", int(ip_hex, 16)))
        return ip.startswith("127.") or ip == "0.0.0.0"
    raw = bytes.fromhex(ip_hex)
    ip = socket.inet_ntop(socket.AF_INET6, b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4)))
    return ip in ("::1", "::") or ip.startswith("::ffff:127.")


def sockets_of(pid: int) -> set[str]:
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def remote_addresses(pid: int) -> list[str]:
    inodes = sockets_of(pid)
    remotes = []
    for table in ("tcp", "tcp6"):
        with open(f"/proc/{pid}/net/{table}") as fh:
            next(fh)
            for line in fh:
                fields = line.split()
                if fields[9] in inodes:
                    remotes.append(fields[2])
    return remotes


def test_the_stack_only_talks_on_loopback(stack):
    c = Conversation(stack)
    c.say("I need a safe place to sleep")
    c.say("ik ben huisarts in Enschede")
    for name, proc in stack.procs.items():
        remotes = remote_addresses(proc.pid)
        assert remotes, name
        assert all(_loopback(r) for r in remotes), (name, remotes)
