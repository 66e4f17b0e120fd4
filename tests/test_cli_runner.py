"""The harness the hostile-file tests rely on measures the child, not the runner."""

from __future__ import annotations

from cli_runner import run_cli_bounded

BALLAST_MB = 600


def test_the_peak_of_a_bounded_run_is_the_childs_own_not_the_test_runners() -> None:
    # a runner grown large by earlier tests once made a 143 MB run read 625 MB
    ballast = bytearray(BALLAST_MB * 1024 * 1024)
    ballast[::4096] = b"\x01" * len(range(0, len(ballast), 4096))  # touch every page
    run = run_cli_bounded("--help")
    del ballast
    assert run.returncode == 0
    assert 0 < run.peak_mb < BALLAST_MB / 2
