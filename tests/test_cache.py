"""Results kept between builds: found again only for the same declared inputs and code, and a
damaged record is never trusted. One scheme serves every cached step (validation, the indicator
section, the releases and the chart SVGs), so a step's own code or library version counts too."""

from __future__ import annotations

import pickle

from cspp.cache import KEEP_PER_NAME, MISSING, Step, kept


class Counter:
    """A computation that counts how often it really ran."""

    def __init__(self, value="result") -> None:
        self.value, self.runs = value, 0

    def __call__(self):
        self.runs += 1
        return self.value


def test_a_result_is_kept_for_the_same_inputs(tmp_path):
    compute = Counter()
    assert kept(tmp_path, "step", {"plans": "a1"}, compute) == "result"
    assert kept(tmp_path, "step", {"plans": "a1"}, compute) == "result"
    assert compute.runs == 1


def test_a_changed_input_recomputes_and_undoing_it_finds_the_first_result(tmp_path):
    first, second = Counter("first"), Counter("second")
    kept(tmp_path, "step", {"plans": "a1"}, first)
    assert kept(tmp_path, "step", {"plans": "b2"}, second) == "second"
    assert kept(tmp_path, "step", {"plans": "a1"}, Counter("never")) == "first"
    assert (first.runs, second.runs) == (1, 1)


def test_an_input_added_or_dropped_is_a_different_result(tmp_path):
    kept(tmp_path, "step", {"plans": "a1"}, Counter("one"))
    assert kept(tmp_path, "step", {"plans": "a1", "themes": "t"}, Counter("two")) == "two"
    assert kept(tmp_path, "other step", {"plans": "a1"}, Counter("three")) == "three"


def test_a_damaged_record_is_ignored_and_replaced(tmp_path):
    kept(tmp_path, "step", {"plans": "a1"}, Counter())
    (record,) = (tmp_path / "step").glob("*.pickle")
    for damage in (b"", b"not a pickle", pickle.dumps(["a", "list"]), pickle.dumps({"key": "x"})):
        record.write_bytes(damage)
        compute = Counter("again")
        assert kept(tmp_path, "step", {"plans": "a1"}, compute) == "again"
        assert compute.runs == 1


def test_only_the_newest_records_of_a_name_stay(tmp_path):
    for n in range(KEEP_PER_NAME + 3):
        kept(tmp_path, "step", {"plans": str(n)}, Counter(n))
    assert len(list((tmp_path / "step").glob("*.pickle"))) == KEEP_PER_NAME
    assert (
        kept(tmp_path, "step", {"plans": str(KEEP_PER_NAME + 2)}, Counter("never"))
        == KEEP_PER_NAME + 2
    )


def test_a_step_that_names_its_code_is_found_again_only_for_that_code(tmp_path):
    renderer = Step(tmp_path, "chart:map|narrow", code="vl-convert 1.0")
    renderer.keep({"spec": "{}"}, "<svg>one</svg>")
    assert renderer.find({"spec": "{}"}) == "<svg>one</svg>"
    assert renderer.find({"spec": "{ }"}) is MISSING
    assert Step(tmp_path, "chart:map|narrow", code="vl-convert 1.1").find({"spec": "{}"}) is MISSING
    assert Step(tmp_path, "chart:map", code="vl-convert 1.0").find({"spec": "{}"}) is MISSING


def test_each_name_keeps_its_own_newest_records(tmp_path):
    kept(tmp_path, "two", {"n": "0"}, Counter("two"))
    for n in range(KEEP_PER_NAME + 2):
        kept(tmp_path, "one", {"n": str(n)}, Counter(n))
    assert kept(tmp_path, "two", {"n": "0"}, Counter("never")) == "two"
    assert kept(tmp_path, "one", {"n": "0"}, Counter("again")) == "again"  # the oldest of "one"
