"""scripts/test.sh's browser step (scripts/browser.sh, issue 15 finding 17): with a stand-in apt-get
on PATH, it installs chromium and chromium-driver only, says so in one line, never upgrades an
installed package, and when it cannot install, the browser tests skip with the reason."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INSTALL = (
    "scripts/test.sh: installing chromium chromium-driver with apt for the browser tests (nothing else is upgraded)"
)
FRESH_PLAN = "Inst chromium-common (120.0 Debian:12/stable [amd64])\nInst chromium (120.0 Debian:12/stable [amd64])\n"
UPGRADING_PLAN = "Inst libc6 [2.36-9] (2.36-9+deb12u4 Debian:12/stable [amd64])\n" + FRESH_PLAN


def run(tmp_path: Path, *, uid: str = "0", plan: str = FRESH_PLAN, fail: str = "", present: bool = False):
    """ensure_browser with a stand-in apt-get that logs its arguments; returns (stderr, skip reason, apt calls)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    log = tmp_path / "apt.log"
    (tmp_path / "plan.txt").write_text(plan)
    apt = bin_dir / "apt-get"
    apt.write_text(
        "#!/bin/sh\n"
        f'echo "$*" >> {log}\n'
        f'case "$*" in *-s*) cat {tmp_path / "plan.txt"} ;; esac\n'
        f'case "$*" in *{fail or "@never@"}*) echo "E: failed" >&2; exit 100 ;; esac\n'
    )
    apt.chmod(0o755)
    chromium, driver = tmp_path / "chromium", tmp_path / "chromedriver"
    if present:
        for exe in (chromium, driver):
            exe.write_text("#!/bin/sh\n")
            exe.chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "CHROMIUM": str(chromium),
        "CHROMEDRIVER": str(driver),
        "KG_UID": uid,
    }
    env.pop("KG_SKIP_BROWSER", None)
    result = subprocess.run(
        ["bash", "-c", 'set -euo pipefail; source scripts/browser.sh; ensure_browser; echo "${KG_SKIP_BROWSER:-}"'],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    calls = log.read_text().splitlines() if log.exists() else []
    return result.stderr, result.stdout.strip(), calls


def test_installs_just_the_two_packages_and_says_so_in_one_line(tmp_path: Path) -> None:
    stderr, skip, calls = run(tmp_path)
    assert (stderr, skip) == (INSTALL + "\n", "")
    assert calls == [
        "update -qq",
        "install -s --no-install-recommends chromium chromium-driver",
        "install -y -qq --no-install-recommends --no-upgrade chromium chromium-driver",
    ]


def test_present_browser_needs_no_apt(tmp_path: Path) -> None:
    assert run(tmp_path, present=True) == ("", "", [])


def test_an_install_that_would_upgrade_installed_packages_is_not_made(tmp_path: Path) -> None:
    stderr, skip, calls = run(tmp_path, plan=UPGRADING_PLAN)
    assert skip == (
        "installing chromium chromium-driver would upgrade installed packages (libc6); "
        "install them yourself if that is fine"
    )
    assert stderr == f"{INSTALL}\nscripts/test.sh: the browser tests will be skipped: {skip}\n"
    assert not any(call.startswith("install -y") for call in calls)


@pytest.mark.parametrize(
    ("fail", "reason"), [("update", "apt-get update failed"), ("-y", "apt-get install chromium chromium-driver failed")]
)
def test_when_apt_fails_the_browser_tests_skip_with_the_reason(tmp_path: Path, fail: str, reason: str) -> None:
    stderr, skip, _ = run(tmp_path, fail=fail)
    assert skip == reason
    assert stderr.endswith(f"scripts/test.sh: the browser tests will be skipped: {reason}\n")


def test_not_root_skips_without_apt(tmp_path: Path) -> None:
    stderr, skip, calls = run(tmp_path, uid="1000")
    assert calls == []
    assert skip.endswith(
        "is missing and this is not root (sudo apt-get install --no-install-recommends chromium chromium-driver)"
    )
    assert stderr.count("\n") == 1


def test_the_browser_fixture_skips_with_the_scripts_reason(tmp_path: Path) -> None:
    env = {**os.environ, "KG_SKIP_BROWSER": "apt-get update failed"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-rs",
            "-p",
            "no:cacheprovider",
            "tests/test_viz.py",
            "-k",
            "browser_loads",
        ],
        cwd=ROOT,
        env={**env, "PATH": os.environ["PATH"]},
        capture_output=True,
        text=True,
        check=False,
    )
    assert "browser tests skipped: apt-get update failed" in result.stdout, result.stdout[-2000:]


def test_test_sh_uses_the_browser_step() -> None:
    script = (ROOT / "scripts" / "test.sh").read_text()
    assert "source scripts/browser.sh\nensure_browser\n" in script
    assert "apt-get" not in script
