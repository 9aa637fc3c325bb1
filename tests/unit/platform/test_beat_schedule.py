"""Beat's schedule file: an unreadable one is discarded before beat starts, not fatal."""

import os
import shelve

from services.cli.processes import discard_unreadable_schedule


def _write(path):
    with shelve.open(path) as store:
        store["entries"] = {"users.reset_monthly_quota": {"last_run_at": 1}}
        store["tz"] = "Asia/Shanghai"


def _files(path):
    directory, base = os.path.split(path)
    return sorted(n for n in os.listdir(directory) if n.startswith(base))


def test_a_readable_schedule_is_kept(tmp_path):
    path = str(tmp_path / "schedule")
    _write(path)
    before = _files(path)
    assert not discard_unreadable_schedule(path)
    assert _files(path) == before


def test_no_schedule_yet_is_left_to_beat(tmp_path):
    assert not discard_unreadable_schedule(str(tmp_path / "schedule"))


def test_a_schedule_whose_data_file_was_deleted_is_removed(tmp_path):
    path = str(tmp_path / "schedule")
    _write(path)
    data = [n for n in _files(path) if n.endswith(".dat")] or _files(path)[:1]
    open(os.path.join(tmp_path, data[0]), "wb").close()  # recreated empty; the index still names "entries"
    assert discard_unreadable_schedule(path)
    assert _files(path) == []
    _write(path)  # beat can make a new one there
    assert not discard_unreadable_schedule(path)
