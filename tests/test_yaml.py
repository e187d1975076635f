"""The safe YAML layer: YAML 1.2 scalars, positions, duplicate keys, refusals."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from platform_advisor._errors import InputError
from platform_advisor._yaml import load_file, load_text


def test_plain_scalars_follow_yaml_1_2() -> None:
    doc = load_text("a: NO\nb: yes\nc: on\nd: 0755\ne: 12_000\nf: 2024-01-01\ng: true\nh: ~\n", "t")
    assert doc.data == {
        "a": "NO",
        "b": "yes",
        "c": "on",
        "d": "0755",
        "e": 12000,
        "f": "2024-01-01",
        "g": True,
        "h": None,
    }


def test_positions_are_one_based_and_point_at_keys() -> None:
    doc = load_text("top:\n  inner: 1\n  list:\n    - x\n", "t")
    assert doc.locate(("top", "inner")) == (2, 3)
    assert doc.locate(("top", "list", 0)) == (4, 7)
    assert doc.locate(("top", "missing")) == (1, 1)  # falls back to the parent


def test_duplicate_keys_name_both_lines() -> None:
    with pytest.raises(InputError) as exc:
        load_text("a: 1\nb: 2\na: 3\n", "dup.yaml")
    assert str(exc.value) == "dup.yaml:3:1: duplicate key 'a' (first defined on line 1)"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: !!python/object/apply:os.system [echo hi]\n", "is not allowed"),
        ("", "file is empty"),
        ("a: [\n", "invalid YAML"),
        ("a: 1\n---\nb: 2\n", "several YAML documents"),
        ("x: &a [*a]\n", "nesting deeper"),
    ],
)
def test_refusals(text: str, expected: str) -> None:
    with pytest.raises(InputError) as exc:
        load_text(text, "bad.yaml")
    assert expected in str(exc.value)
    assert str(exc.value).startswith("bad.yaml")


def test_alias_bomb_is_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    with pytest.raises(InputError) as exc:
        load_text("\n".join(lines) + "\n", "bomb.yaml")
    assert "more than" in str(exc.value)


def test_alias_bomb_is_refused_at_the_alias_that_passes_the_limit() -> None:
    """Counted as the parser streams: line 5 is where the expansion first passes 50,000 values,
    long before the builder would have built that many."""
    lines = [f"a0: &a0 [{', '.join(['lol'] * 10)}]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 12)]
    with pytest.raises(InputError) as exc:
        load_text("\n".join(lines) + "\n", "bomb.yaml")
    assert str(exc.value).startswith("bomb.yaml:5:")


@pytest.mark.parametrize(("padding", "refused"), [(4, False), (5, True)])
def test_alias_expansion_limit_is_exact(padding: int, refused: bool) -> None:
    """The root, a list of 99 and 494 aliases of it (101 values each) and the padding: 50,000
    values with 4, one too many with 5, counted as the values are built."""
    text = f"a: &a [{', '.join(['0'] * 99)}]\nb: [{', '.join(['*a'] * 494 + ['0'] * padding)}]\n"
    if refused:
        with pytest.raises(InputError, match="expands to more than 50,000 values"):
            load_text(text, "t")
    else:
        assert len(load_text(text, "t").data["b"]) == 494 + padding


def test_special_floats_are_read_for_the_models_to_refuse() -> None:
    doc = load_text("a: .inf\nb: .nan\nc: 1e999\n", "t")
    assert math.isinf(doc.data["a"]) and math.isnan(doc.data["b"]) and math.isinf(doc.data["c"])


def test_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\r\nb: NO\r\n")
    assert load_file(path).data == {"a": 1, "b": "NO"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"name: Malm\xf6 AB\n", "x.yaml:1:11: not valid UTF-8"),
        ("a: 1\n".encode("utf-16"), "x.yaml:1:1: file is UTF-16"),
    ],
)
def test_other_encodings_are_refused(tmp_path: Path, raw: bytes, expected: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(raw)
    with pytest.raises(InputError) as exc:
        load_file(path, "x.yaml")
    assert str(exc.value).startswith(expected)


def test_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        load_file(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        load_file(tmp_path / "nope.yaml")


def test_a_file_that_grew_past_the_limit_after_its_stat_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """read_text reads as much as the stat said, then on to the limit: a file larger than
    its stat (one still being written, a special file) is refused as before."""
    import os

    from platform_advisor import _yaml

    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: 1\n" + b"#" * _yaml.MAX_BYTES)
    real, original = path.stat(), Path.stat
    small = os.stat_result((*real[:6], 5, *real[7:]))  # st_size: the first line only
    monkeypatch.setattr(Path, "stat", lambda self, **kw: small if self == path else original(self, **kw))
    with pytest.raises(InputError, match="file is larger than"):
        _yaml.read_text(path, "x.yaml")
    path.write_bytes(b"a: 1\nb: 2\n")  # grew a little, within the limit: all of it is read
    assert _yaml.read_text(path, "x.yaml") == "a: 1\nb: 2\n"
