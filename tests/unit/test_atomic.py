import pytest

from calma.atomic import staged_folder


def test_staged_folder_replaces_the_target_whole(tmp_path):
    target = tmp_path / "report"
    target.mkdir()
    (target / "old.txt").write_text("old")
    with staged_folder(target) as staging:
        (staging / "new.txt").write_text("new")
        assert (target / "old.txt").exists()  # readers still see the old folder meanwhile
    assert sorted(p.name for p in target.iterdir()) == ["new.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["report"]  # no staging or old copy left


def test_a_failure_leaves_the_previous_folder_untouched(tmp_path):
    target = tmp_path / "report"
    target.mkdir()
    (target / "old.txt").write_text("old")
    with pytest.raises(RuntimeError):
        with staged_folder(target) as staging:
            (staging / "half.txt").write_text("half")
            raise RuntimeError("crash while writing")
    assert sorted(p.name for p in target.iterdir()) == ["old.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["report"]
