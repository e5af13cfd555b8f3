"""The package as a user installs it: a wheel built from the sources holds every data file,
installs into a fresh virtual environment with its dependencies, runs the main job from a
folder outside the checkout, and pulls in no GPL-licensed dependency (the project is MIT).

Slow (a venv and every dependency, from pip's cache or the registry): ~20-60 s.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import timeline

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "lanting-2023-review.md"
# what is in the source tree but not the package
_NOT_SOURCES = shutil.ignore_patterns(
    ".git", "build", "dist", "*.egg-info", "__pycache__", "*.pyc", ".*_cache", ".venv", "output"
)
PIP = ["-m", "pip", "--disable-pip-version-check", "--no-input", "-q"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from a copy of the sources (the checkout is left as it is)."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "src"
    shutil.copytree(ROOT, source, ignore=_NOT_SOURCES)
    subprocess.run(
        [sys.executable, *PIP, "wheel", "--no-deps", "-w", str(base), str(source)],
        check=True,
        capture_output=True,
    )
    (found,) = base.glob("timeline-*.whl")
    return found


def _package_files() -> Iterator[str]:
    for path in sorted((ROOT / "timeline").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            yield path.relative_to(ROOT).as_posix()


def test_package_wheel_holds_every_file_of_the_package(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        shipped = {name for name in archive.namelist() if name.startswith("timeline/")}
    missing = [name for name in _package_files() if name not in shipped]
    assert missing == []


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel and its dependencies installed."""
    folder = tmp_path_factory.mktemp("venv") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    python = folder / "bin" / "python"
    subprocess.run([str(python), *PIP, "install", str(wheel)], check=True, capture_output=True)
    return folder


def test_package_installed_wheel_runs_the_main_job_outside_the_checkout(
    venv: Path, tmp_path: Path
) -> None:
    shutil.copy(EXAMPLE, tmp_path / EXAMPLE.name)
    proc = subprocess.run(
        [str(venv / "bin" / "timeline"), "build", EXAMPLE.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    # the installed wheel finds what the checkout finds
    assert f"{timeline.build(EXAMPLE).events.height} events" in proc.stderr
    assert (tmp_path / "output" / "timeline.html").stat().st_size > 1_000_000
    csv = (tmp_path / "output" / "events.csv").read_text(encoding="utf-8")
    assert csv.startswith("event_id,date_start")
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import timeline; print(timeline.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(venv) in where.stdout  # the installed copy, not the checkout


_GPL = re.compile(r"\bA?GPL|General Public License", re.IGNORECASE)
_LGPL = re.compile(r"LGPL|Lesser General Public", re.IGNORECASE)


def test_package_no_dependency_is_gpl(venv: Path) -> None:
    """Every distribution the wheel installs, with its licence metadata, is read in the
    venv; none may be GPL or AGPL (LGPL, MIT, BSD, Apache, MPL are fine for an MIT tool)."""
    script = (
        "from importlib.metadata import distributions\n"
        "for d in distributions():\n"
        "    m = d.metadata\n"
        "    text = [m.get('License-Expression') or '', (m.get('License') or '')[:200]]\n"
        "    text += [c for c in m.get_all('Classifier') or [] if c.startswith('License')]\n"
        "    print(m['Name'], '|', ' ; '.join(text).replace('\\n', ' '))\n"
    )
    listed = subprocess.run(
        [str(venv / "bin" / "python"), "-c", script], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    gpl = [line for line in listed if _GPL.search(line) and not _LGPL.search(line)]
    assert len(listed) > 10
    assert gpl == []
