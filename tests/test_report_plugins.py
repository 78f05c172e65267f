"""Output formats register through the entry-point group `irct_lint.reports`, as checks do."""

from __future__ import annotations

from importlib.metadata import entry_points

from click.testing import CliRunner

from irct_lint import reports
from irct_lint.cli import cli

from .conftest import EXAMPLES, ROOT


def test_the_built_in_formats_come_through_the_entry_points():
    registered = {ep.name: ep.value for ep in entry_points(group=reports.ENTRY_POINT_GROUP)}
    assert registered == reports.BUILT_IN


def test_a_plugin_format_is_used_and_gets_the_source_it_asks_for(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "tests" / "plugins"))
    monkeypatch.setitem(reports.FORMATS, "tabbed", "format_plugin:Reporter")
    result = CliRunner().invoke(
        cli, ["check", str(EXAMPLES / "exosome-knee-defects.txt"), "--format", "tabbed", "--jobs", "1"]
    )
    assert result.exit_code == 1, result.output
    assert "FN002\t411\t" in result.output
    # It asked for the source lines (needs_source), so it has them without --show-source.
    assert "TX001\t23\tAdults with knee osteoarthriti" in result.output


def test_a_broken_format_plugin_is_one_clear_line(monkeypatch):
    monkeypatch.setitem(reports.FORMATS, "broken", "no_such_module:Reporter")
    result = CliRunner().invoke(cli, ["check", str(EXAMPLES / "clean-vitamin-d-trial.txt"), "--format", "broken"])
    assert result.exit_code == 2
    assert "the output format 'broken' (no_such_module:Reporter) could not be loaded" in result.output
