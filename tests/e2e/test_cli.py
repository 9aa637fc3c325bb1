"""The ``essay`` client verbs against the running system."""

from __future__ import annotations

import re
import subprocess

from tests.support import ROOT, essay_command

SAMPLE = ROOT / "sample.txt"


def essay(system, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(essay_command(*args), env=system.env, cwd=ROOT, capture_output=True, text=True,
                          input=stdin, timeout=120)


def test_register_login_submit_watch_status_task_list(system):
    out = essay(system, "register", "cli_user", "cli@example.com", "--password", "cli-password")
    assert out.returncode == 0, out.stderr
    out = essay(system, "login", "cli_user", "--password", "cli-password")
    assert out.returncode == 0 and "token saved" in out.stdout, out.stderr

    out = essay(system, "submit", str(SAMPLE), "--grade", "9", "--watch")
    assert out.returncode == 0, out.stderr
    lines = out.stdout
    for state in ("QUEUED", "PROCESSING", "COMPLETED"):
        assert state in lines
    assert lines.index("PROCESSING") < lines.index("COMPLETED")
    assert re.search(r"Score \d+\.\d/100", lines)
    essay_id = re.search(r"submitted essay ([0-9a-f-]{36})", lines).group(1)
    task_id = re.search(r"\(task ([0-9a-f-]{36})\)", lines).group(1)

    out = essay(system, "status", essay_id)
    assert out.returncode == 0 and "COMPLETED" in out.stdout
    out = essay(system, "task", task_id)
    assert out.returncode == 0 and "SUCCESS" in out.stdout
    out = essay(system, "list")
    assert out.returncode == 0 and essay_id in out.stdout
    out = essay(system, "me")
    assert out.returncode == 0 and "cli_user" in out.stdout

    out = essay(system, "submit", "-", "--title", "From stdin", "--wait", stdin="A short essay. It is good.")
    assert out.returncode == 0 and "COMPLETED" in out.stdout, out.stderr


def test_cli_reports_errors_readably(system):
    out = essay(system, "status", "00000000-0000-0000-0000-000000000000")
    assert out.returncode == 1
    assert "NOT_FOUND" in out.stderr or "not logged in" in out.stderr
    out = essay(system, "register", "x", "bad", "--password", "short")
    assert out.returncode == 1
    assert "INVALID_ARGUMENT" in out.stderr and "username:" in out.stderr


def test_cli_reports_bad_files_and_states_without_a_traceback(system, tmp_path):
    binary = tmp_path / "essay.bin"
    binary.write_bytes(b"\xff\xfe\x00 not text")
    for args, expected in ((("submit", str(tmp_path / "missing.txt")), "No such file"),
                           (("submit", str(binary)), "not UTF-8 text"),
                           (("submit", str(tmp_path)), "Is a directory"),
                           (("list", "--state", "bogus"), "invalid choice")):
        out = essay(system, *args)
        assert out.returncode != 0, args
        assert expected in out.stderr and "Traceback" not in out.stderr, out.stderr


def test_operator_verbs_report_an_unreachable_database_in_one_line(system):
    env = dict(system.env, DATABASE_URL="postgresql+psycopg2://postgres@127.0.0.1:1/nowhere")
    result = subprocess.run(essay_command("users", "create-admin", "zed", "zed@example.com", "--password",
                                          "long-password"), env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith("essay: the database is unreachable") and "Traceback" not in result.stderr


def test_cli_refuses_odd_arguments_tokens_and_missing_passwords_in_one_line(system, tmp_path):
    for args, expected, code in ((("list", "--page-size", "99999999999"), "must be between", 2),
                                 (("list", "--page-size", "0"), "must be between", 2),
                                 (("submit", str(SAMPLE), "--timeout", "-1"), "more than 0 seconds", 2),
                                 (("submit", str(SAMPLE), "--timeout", "nan"), "more than 0 seconds", 2),
                                 (("login", "nobody_cli"), "no password given", 1),
                                 (("register", "nobody_cli", "n@example.com"), "no password given", 1)):
        out = essay(system, *args, stdin="")
        assert out.returncode == code, (args, out.stderr)
        assert expected in out.stderr and "Traceback" not in out.stderr, out.stderr
    config = tmp_path / "config"
    (config / "essay").mkdir(parents=True)
    for token in ("abc\ndef", "jeton-é"):
        (config / "essay" / "token").write_text(token)
        out = subprocess.run(essay_command("me"), env=dict(system.env, XDG_CONFIG_HOME=str(config)), cwd=ROOT,
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 1 and out.stderr.count("\n") == 1, out.stderr
        assert "login" in out.stderr and "INTERNAL" not in out.stderr


def test_watch_against_a_gateway_that_is_not_there_ends_in_one_line(system):
    env = dict(system.env, GATEWAY_ADDR="127.0.0.1:1", ESSAY_TOKEN="some-token")
    out = subprocess.run(essay_command("watch", "00000000-0000-0000-0000-000000000000"), env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 1 and "UNAVAILABLE" in out.stderr and "reconnecting" not in out.stderr, out.stderr
