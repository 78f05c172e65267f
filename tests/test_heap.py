"""The run keeps the cyclic collector off what it holds, and gives the heap back as it was."""

import gc

from irct_lint import heap

from .conftest import run_cli


def test_what_a_run_keeps_is_frozen_as_it_grows_and_unfrozen_at_its_end(monkeypatch):
    monkeypatch.setattr(heap, "EVERY", 3)
    assert gc.get_freeze_count() == 0
    kept = heap.LongLived()
    held = []
    for n in range(3):
        held.append([n])  # a container the collector tracks
        kept.kept()
    assert gc.get_freeze_count() > 0  # frozen at the third result
    kept.release()
    assert gc.get_freeze_count() == 0


def test_a_process_that_froze_its_own_objects_is_left_as_it_is(monkeypatch):
    monkeypatch.setattr(heap, "EVERY", 1)
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        kept = heap.LongLived()
        kept.kept()
        kept.release()
        assert gc.get_freeze_count() == before  # neither frozen further nor unfrozen
    finally:
        gc.unfreeze()


def test_a_run_leaves_nothing_frozen(monkeypatch, tmp_path):
    monkeypatch.setattr(heap, "EVERY", 1)
    frozen = []
    real_freeze = gc.freeze
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(1) or real_freeze())
    for n in range(3):
        (tmp_path / f"r{n}.yaml").write_text("registration:\n  number: IRCT20200101000001N1\n", encoding="utf-8")
    thresholds = gc.get_threshold()
    result = run_cli("check", "--isolated", "--jobs", "1", str(tmp_path))
    assert result.returncode in (0, 1), result.stderr
    assert len(frozen) >= 3  # a freeze for each record kept
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == thresholds
