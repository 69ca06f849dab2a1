"""Plots for docs/benchmarks.md from docs/benchmarks.json (run with .venv-rasa, which has matplotlib).

    .venv-rasa/bin/python scripts/bench_plot.py docs/benchmarks.json docs/
"""
from __future__ import annotations

import json
import pathlib
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main(source: str, folder: str) -> int:
    r = json.loads(pathlib.Path(source).read_text(encoding="utf-8"))
    out = pathlib.Path(folder)

    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    systems = [("baseline (rasa init)", "baseline", "o--"), ("full stack, 1 process", "stack", "s-")]
    if "scaled" in r:
        systems.append((f"full stack, {r['scaled']['replicas']} processes", "scaled", "^-"))
    for name, key, style in systems:
        levels = r[key]["levels"]
        x = [lv["conversations"] for lv in levels]
        left.plot(x, [lv["p50_ms"] for lv in levels], style, label=f"{name} p50")
        left.plot(x, [lv["p95_ms"] for lv in levels], style, alpha=0.5, label=f"{name} p95")
        right.plot(x, [lv["messages_per_second"] for lv in levels], style, label=name)
    left.set(xlabel="concurrent conversations", ylabel="latency (ms)", title="Turn latency", xscale="log")
    right.set(xlabel="concurrent conversations", ylabel="messages per second", title="Throughput", xscale="log")
    left.legend(fontsize=8)
    right.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out / "bench-concurrency.png", dpi=100)
    plt.close(fig)

    growth = r["stack"]["tracker_growth"]
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.plot([g["turn"] for g in growth], [g["ms"] for g in growth], ".", markersize=3)
    ax.set(xlabel="turn in the conversation (tracker length)", ylabel="latency (ms)",
           title="Turn latency against tracker length (full stack)")
    fig.tight_layout()
    fig.savefig(out / "bench-tracker.png", dpi=100)
    plt.close(fig)

    directory = r["directory"]
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.plot([d["organisations"] for d in directory], [d["p50_ms"] for d in directory], "o-", label="p50")
    ax.plot([d["organisations"] for d in directory], [d["p95_ms"] for d in directory], "s--", label="p95")
    ax.set(xlabel="organisations in the directory", ylabel="lookup (ms)", title="Directory lookup against size",
           xscale="log")
    ax.legend()
    fig.tight_layout()
    fig.savefig(out / "bench-directory.png", dpi=100)
    plt.close(fig)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
