"""Ctrl-C and SIGTERM stop a build at once: every worker stopped, the working folder and
the unpublished outputs removed, exit 130 / 143. A build killed outright leaves its folder;
the next build removes it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from timeline.store import OWNER, Store, remove_stale

SENTENCE = "In March 2023 Acme{n} opened a store in Leipzig, and in May it hired {n} people."


def _corpus(path: Path, documents: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for n in range(documents):
            text = " ".join(SENTENCE.format(n=n * 10 + k) for k in range(10))
            out.write(json.dumps({"text": text, "date": "2024-01-25"}) + "\n")
    return path


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
@pytest.mark.parametrize(
    ("how", "code"), [("ctrl-c", 130), ("sigterm", 143)], ids=["ctrl-c", "sigterm"]
)
def test_interrupt_stops_workers_and_removes_everything(
    how: str, code: int, tmp_path: Path
) -> None:
    corpus = _corpus(tmp_path / "corpus.jsonl", 3000)
    temp = tmp_path / "tmp"
    temp.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "events.csv").write_text("an earlier run's table\n")
    command = [sys.executable, "-c", "import sys, timeline.cli as c; sys.exit(c.main())"]
    process = subprocess.Popen(
        [*command, "build", str(corpus), "--jobs", "2", "--out", str(out)],
        env={**os.environ, "TMPDIR": str(temp)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # a process group of its own, as a terminal gives a job
    )
    deadline = time.monotonic() + 60
    while not (any(temp.glob("timeline-*/reports")) and len(_children(process.pid)) >= 2):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the build never started its workers"
        time.sleep(0.05)
    workers = _children(process.pid)
    if how == "ctrl-c":
        os.killpg(process.pid, signal.SIGINT)  # a terminal sends it to the whole group
    else:
        process.send_signal(signal.SIGTERM)  # `kill PID`: the parent only
    try:
        _, err = process.communicate(timeout=10)
        deadline = time.monotonic() + 5
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        raise
    assert process.returncode == code, err
    assert b"Traceback" not in err
    assert list(temp.iterdir()) == []
    assert (out / "events.csv").read_text() == "an earlier run's table\n"
    assert sorted(p.name for p in out.iterdir()) == ["events.csv"]
    while _running(workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _running(workers) == []


def _running(pids: list[int]) -> list[str]:
    """The command lines of those of ``pids`` still running (not zombies)."""
    running = []
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            line = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        if state != "Z":
            running.append(line.decode())
    return running


def test_stale_working_folder_of_a_dead_build_is_removed(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / "timeline-killed"
    stale.mkdir()
    (stale / "reports").mkdir()
    import socket

    (stale / OWNER).write_text(f"{socket.gethostname()} {dead.pid}\n")
    alive = tmp_path / "timeline-running"
    alive.mkdir()
    (alive / OWNER).write_text(f"{socket.gethostname()} {os.getpid()}\n")
    users = tmp_path / "timeline-notes"  # a user's folder of that name: never touched
    users.mkdir()
    (users / "notes.txt").write_text("mine")
    elsewhere = tmp_path / "timeline-other-host"
    elsewhere.mkdir()
    (elsewhere / OWNER).write_text(f"another-host {dead.pid}\n")
    with Store(tmp_path) as store:
        assert (store.path / OWNER).read_text().split()[1] == str(os.getpid())
        assert not stale.exists()
        assert alive.exists() and users.exists() and elsewhere.exists()
    assert remove_stale(tmp_path) == []
