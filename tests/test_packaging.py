"""The wheel installs into a fresh environment, runs, and puts nothing in site-packages under
a generic top-level name such as `checks` or `reports`."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from .conftest import EXAMPLES, ROOT


@pytest.mark.slow
def test_wheel_installs_and_runs(tmp_path):
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    [wheel] = list(dist.glob("*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/")[0] for n in names if not n.split("/")[0].endswith((".dist-info", ".data"))}
    assert top == {"irct_lint"}
    assert "irct_lint/checks/funding/proportions.py" in names
    assert "irct_lint/reports/text.py" in names

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    pip = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert pip.returncode == 0, pip.stderr[-2000:]
    site = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    from pathlib import Path

    installed = {p.name for p in Path(site).iterdir()}
    assert "checks" not in installed and "reports" not in installed
    run = subprocess.run(
        [str(venv / "bin" / "irct-lint"), "check", str(EXAMPLES / "exosome-knee-defects.txt")],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert run.returncode == 1, run.stderr
    assert "FN002 [error]" in run.stdout


def test_every_check_family_folder_is_a_listed_package():
    """A family folder missing from pyproject's package list is left out of the install;
    a listed folder missing from git breaks the build on a fresh clone."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    folders = {"irct_lint.checks." + p.parent.name for p in (ROOT / "checks").glob("*/__init__.py")}
    assert {p for p in listed if p.startswith("irct_lint.checks.")} == folders


def test_the_version_is_written_once():
    """pyproject.toml reads the version from irct_lint/__init__.py; the installed metadata agrees."""
    from importlib.metadata import version

    import irct_lint
    from tests.conftest import ROOT

    assert 'dynamic = ["version"]' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert version("irct-lint") == irct_lint.__version__
    assert f"## [{irct_lint.__version__}]" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
