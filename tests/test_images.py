"""Static images (kaleido in Debian's chromium) and the embeddable snippet."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from timeline import OutputError, build

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "lanting-2023-review.md"


@pytest.fixture(scope="module")
def result():
    return build(EXAMPLE)


def test_images_png_is_a_real_image_of_the_asked_width(
    result, chromium: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BROWSER_PATH", chromium)
    data = result.write(tmp_path / "t.png", width=1200).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width == 1200
    assert height >= 400


def test_images_svg(result, chromium: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", chromium)
    text = result.write(tmp_path / "t.svg").read_text(encoding="utf-8")
    assert "<svg" in text[:500]
    assert "Lanting" in text


def test_images_without_a_browser_is_a_clear_error(
    result, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-browser"))
    with pytest.raises(OutputError, match="needs Chromium: install it"):
        result.write(tmp_path / "t.png")
    assert list(tmp_path.iterdir()) == []


def test_images_suffix_must_say_the_format(result, tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"a PNG file must end in \.png"):
        result.write(tmp_path / "t.gif", "png")


def test_images_embed_snippet_has_no_page_around_it(result, tmp_path: Path) -> None:
    text = result.write(tmp_path / "e.html", "embed", include_plotlyjs="cdn").read_text()
    assert "<html" not in text
    assert 'id="timeline"' in text
    assert "<script" in text
    assert len(text) < 200_000
