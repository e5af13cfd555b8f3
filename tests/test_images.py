"""Static images (kaleido in Debian's chromium) and the embeddable snippet."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline import OutputError, build, render
from timeline.cli import cli, main

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
    assert 'id="timeline-' in text  # an id of its own
    assert "<script" in text
    assert len(text) < 200_000


def _starts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the browsers kaleido starts (each ``Kaleido.open``)."""
    import kaleido

    starts: list[int] = []
    real = kaleido.Kaleido.open

    async def counted(self: kaleido.Kaleido) -> None:
        starts.append(1)
        await real(self)

    monkeypatch.setattr(kaleido.Kaleido, "open", counted)
    return starts


def _failing(monkeypatch: pytest.MonkeyPatch, times: int) -> list[int]:
    """Make kaleido's render raise its transient error the first ``times`` calls."""
    import kaleido
    from kaleido.errors import JavascriptError

    calls: list[int] = []
    real = kaleido.Kaleido.calc_fig

    async def flaky(self: kaleido.Kaleido, *args: object, **kwargs: object) -> bytes:
        calls.append(1)
        if len(calls) <= times:
            description = "ReferenceError: kaleido_scopes is not defined\n    at <anonymous>:1:26"
            raise JavascriptError(str({"result": {"subtype": "error", "description": description}}))
        return await real(self, *args, **kwargs)

    monkeypatch.setattr(kaleido.Kaleido, "calc_fig", flaky)
    return calls


def _blank_bands(png: bytes) -> list[tuple[int, int]]:
    """The bands of (near-)white rows of an 8-bit RGB(A) PNG, at least 12 rows tall."""
    pos, chunks, header = 8, [], b""
    while pos < len(png):
        (size,) = struct.unpack(">I", png[pos : pos + 4])
        name, body = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + size]
        header = body if name == b"IHDR" else header
        chunks += [body] if name == b"IDAT" else []
        pos += 12 + size
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour in (2, 6)
    bpp = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(b"".join(chunks)), width * bpp
    previous, blank, at = bytearray(stride), [], 0
    for _ in range(height):
        kind, line = raw[at], bytearray(raw[at + 1 : at + 1 + stride])
        at += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = previous[x], previous[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        blank.append(min(v for i, v in enumerate(line) if i % bpp < 3) >= 245)
        previous = line
    bands, start = [], None
    for y, white in enumerate([*blank, False]):
        if white and start is None:
            start = y
        elif not white and start is not None:
            if y - start >= 12:
                bands.append((start, y))
            start = None
    return bands


def _build_pair(out: Path) -> list[str]:
    """``timeline build`` of the example with a PNG and an SVG."""
    png, svg = str(out / "t.png"), str(out / "t.svg")
    return ["build", str(EXAMPLE), "--out", str(out), "--png", png, "--svg", svg]


def test_images_png_and_svg_of_one_build_start_one_browser(
    result, chromium: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BROWSER_PATH", chromium)
    starts = _starts(monkeypatch)
    out = CliRunner().invoke(
        cli,
        _build_pair(tmp_path),
    )
    assert out.exit_code == 0, out.output
    assert len(starts) == 1
    assert (tmp_path / "t.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in (tmp_path / "t.svg").read_text(encoding="utf-8")[:500]
    paths = [(tmp_path / "a.png", None), (tmp_path / "b.svg", None), (tmp_path / "c.png", "png")]
    assert render.write_images(result.figure(), paths) == [path for path, _ in paths]
    assert len(starts) == 2


def test_images_static_copy_has_no_band_where_the_slider_and_buttons_were(
    result, chromium: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BROWSER_PATH", chromium)
    png = result.write(tmp_path / "t.png").read_bytes()
    (_, height) = struct.unpack(">II", png[16:24])
    bands = _blank_bands(png)
    assert all(end - start <= 30 for start, end in bands), bands  # nothing empty inside
    top = bands[0][1] if bands and bands[0][0] == 0 else 0
    bottom = height - bands[-1][0] if bands and bands[-1][1] == height else 0
    assert top <= 20 and bottom <= 25, (top, bottom)


def test_images_transient_error_is_tried_once_more(
    result, chromium: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BROWSER_PATH", chromium)
    calls = _failing(monkeypatch, times=1)
    starts = _starts(monkeypatch)
    data = result.write(tmp_path / "t.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(calls) == 2
    assert len(starts) == 1


def test_images_persistent_failure_is_one_clear_line_and_changes_nothing(
    chromium: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BROWSER_PATH", chromium)
    calls = _failing(monkeypatch, times=99)
    earlier = {tmp_path / "t.png": b"earlier png", tmp_path / "t.svg": b"earlier svg"}
    for path, data in earlier.items():
        path.write_bytes(data)
    out = CliRunner().invoke(
        cli,
        _build_pair(tmp_path),
    )
    assert out.exit_code == 1
    assert len(calls) == 2  # the first image: tried, then once more; the second never
    message = out.output.strip()
    assert message == (
        f"Error: {tmp_path / 't.png'}: the PNG image could not be drawn: "
        "JavascriptError: ReferenceError: kaleido_scopes is not defined"
    )
    assert "Traceback" not in out.output
    assert "please report" not in out.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.png", "t.svg"]
    for path, data in earlier.items():
        assert path.read_bytes() == data


def test_images_failure_through_main_is_no_unexpected_error(
    chromium: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("BROWSER_PATH", chromium)
    _failing(monkeypatch, times=99)
    code = main(["build", str(EXAMPLE), "--out", str(tmp_path), "--svg", str(tmp_path / "t.svg")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1
    assert "the SVG image could not be drawn: " in err
    assert "unexpected" not in err
