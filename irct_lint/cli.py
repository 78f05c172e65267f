"""The `irct-lint` command line.

    irct-lint check PATH...     lint records (files, directories, `-` for stdin)
    irct-lint parse FILE        print the normalized record as JSON
    irct-lint rules             list every check
    irct-lint rule CODE         print one check's documentation

Exit status: 0 nothing at or above the failing severity, 1 findings, 2 usage error or an
input that could not be read. No traceback reaches the user: an unexpected error is
reported in one line and exits 2.
"""
from __future__ import annotations

import json
import os
import sys

import click

from . import __version__
from .model import SEVERITIES

EXIT_USAGE = 2


def _split(values: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for value in values:
        out.extend(part.strip() for part in value.split(",") if part.strip())
    return out


def _load(plugins: tuple[str, ...] = ()) -> None:
    from .registry import load_checks
    for message in load_checks(plugins):
        click.echo(f"irct-lint: warning: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="irct-lint")
def cli() -> None:
    """Lint clinical-trial registry records (IRCT "Clinical Trial Protocol" exports,
    or records kept as JSON or YAML)."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "formats", default="text", show_default=True,
              type=click.Choice(["text", "json"]), help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write the report to this file (atomically) instead of stdout.")
@click.option("--select", multiple=True, help="Checks to run: codes, code prefixes or names (comma-separated).")
@click.option("--ignore", multiple=True, help="Checks to skip: codes, code prefixes or names.")
@click.option("--plugin", "plugins", multiple=True, help="Import this module to register more checks.")
@click.option("--fail-on", "fail_on", type=click.Choice(list(SEVERITIES)), default="warning", show_default=True,
              help="The lowest severity that makes the exit status 1.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found.")
@click.option("--show-source", is_flag=True, help="Show the source line under each finding.")
@click.option("--quiet", "-q", is_flag=True, help="Shorter text output.")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: when a terminal).")
@click.option("--jobs", "-j", type=click.IntRange(0), default=0, show_default="all cores",
              help="Worker processes; the output is the same for any number.")
@click.option("--timeout", type=click.FloatRange(0), default=10.0, show_default=True,
              help="Seconds one file may take before it is stopped and reported (0: no limit).")
def check(paths, formats, output, select, ignore, plugins, fail_on, exit_zero, show_source, quiet, color,
          jobs, timeout):
    """Lint the records in PATHS (files, directories walked recursively, or - for stdin)."""
    from .registry import all_checks, select_checks, unknown_selectors
    from .reports import reporter_class
    from .runner import RunOptions, lint_paths, open_output

    _load(plugins)
    selected, ignored = _split(select), _split(ignore)
    unknown = unknown_selectors(selected + ignored)
    if unknown:
        raise click.UsageError(f"no check is named {', '.join(repr(u) for u in unknown)} "
                               "(see `irct-lint rules`)")
    checks = select_checks(all_checks(), selected or None, ignored)
    opts = RunOptions(fail_severity=fail_on, exit_zero=exit_zero, jobs=jobs or (os.cpu_count() or 1),
                      timeout=timeout, keep_source=show_source, plugins=tuple(plugins),
                      progress=not quiet and sys.stderr.isatty())
    with open_output(output) as stream:
        use_color = color if color is not None else (output is None and sys.stdout.isatty())
        reporter = reporter_class(formats)(stream, {"color": use_color, "show_source": show_source,
                                                    "quiet": quiet})
        status = lint_paths(list(paths), checks, [reporter], opts)
    sys.exit(status)


@cli.command()
@click.argument("path")
def parse(path):
    """Print the normalized record read from PATH as JSON."""
    from .sources import InputError, load
    try:
        source = load(path)
    except InputError as error:
        click.echo(f"{error.path}: error: {error.message}", err=True)
        sys.exit(EXIT_USAGE)
    records = [record.to_json() for record in source.records]
    for record in source.records:
        for code, field, message, _node in record.notes:
            click.echo(f"{path}: {code} {message}", err=True)
    document = records[0] if len(records) == 1 else records
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
def rules(fmt):
    """List every check."""
    from .registry import all_checks
    from .docs import checks_markdown
    _load()
    checks = all_checks()
    if fmt == "json":
        click.echo(json.dumps([{"code": c.code, "name": c.name, "category": c.category, "severity": c.severity,
                                "summary": c.summary, "options": c.options} for c in checks], indent=2))
    elif fmt == "markdown":
        click.echo(checks_markdown(checks), nl=False)
    else:
        for c in checks:
            click.echo(f"{c.code}  {c.name:<32} {c.severity:<8} {c.category:<13} {c.summary}")
        click.echo(f"\n{len(checks)} checks")


@cli.command()
@click.argument("code")
def rule(code):
    """Print the documentation of one check, by code or name."""
    from .registry import find
    from .docs import check_text
    _load()
    found = find(code)
    if found is None:
        raise click.UsageError(f"no check is named {code!r} (see `irct-lint rules`)")
    click.echo(check_text(found))


def main() -> None:
    try:
        cli.main(prog_name="irct-lint", standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        click.echo("irct-lint: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # the last line of defence: one line, never a traceback
        click.echo(f"irct-lint: internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(EXIT_USAGE)
