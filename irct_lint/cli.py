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
from .readers import FORMATS
from .translate import LANGUAGES

EXIT_USAGE = 2


_input_format_option = click.option(
    "--input-format",
    type=click.Choice(sorted(FORMATS)),
    default=None,
    help="Read every input as this format instead of the format its content shows.",
)


def _load(plugins: tuple[str, ...] = ()) -> None:
    from .registry import load_checks

    for message in load_checks(plugins):
        click.echo(f"irct-lint: warning: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="irct-lint")
def cli() -> None:
    """Lint clinical-trial registry records: IRCT's "Clinical Trial Protocol" exports and
    trial pages, WHO ICTRP and ClinicalTrials.gov exports, WHO trial XML, JSON or YAML."""


FORMAT_HELP = (
    "Output format, optionally with a file: text, json, sarif, junit, github, gitlab, markdown, html, "
    "or one a plugin registers (`--format sarif:results.sarif`). Repeat for several outputs in one run."
)


def _parse_formats(values: tuple[str, ...], output: str | None) -> list[tuple[str, str | None]]:
    from .reports import FORMATS, reporter_class

    chosen = []
    for value in values or ("text",):
        name, _, path = value.partition(":")
        name = name.strip().lower()
        if name not in FORMATS:
            raise click.UsageError(f"unknown format {name!r} (choose from {', '.join(FORMATS)})")
        try:
            reporter_class(name)
        except ImportError as exc:
            raise click.UsageError(str(exc)) from None
        chosen.append((name, path or None))
    to_stdout = [i for i, (_, path) in enumerate(chosen) if path is None]
    if output is not None and to_stdout:
        chosen[to_stdout[0]] = (chosen[to_stdout[0]][0], output)
        to_stdout = to_stdout[1:]
    if len(to_stdout) > 1:
        raise click.UsageError(
            "only one format can write to standard output; give the others a file (--format sarif:results.sarif)"
        )
    return chosen


def _refuse_outputs_on_inputs(inputs: list[str], outputs: list[str]) -> None:
    """Exit 2 before anything runs if an output would overwrite an input record, or two
    outputs would write one file (one report would silently be lost)."""
    from .sources import discover

    seen: dict[str, str] = {}
    existing: dict[tuple[int, int], str] = {}
    for out in outputs:
        if not out or out == "-":
            continue
        key = os.path.realpath(out)
        if key in seen:
            raise click.UsageError(f"two reports would be written to {out}; give each its own file")
        seen[key] = out
        try:
            st = os.stat(out)
        except OSError:
            continue
        if os.path.isfile(out):
            existing[(st.st_dev, st.st_ino)] = out
    if not existing:
        return
    for path in discover(inputs, []):
        if path == "-":
            continue
        try:
            st = os.stat(path)
        except OSError:
            continue
        clash = existing.get((st.st_dev, st.st_ino))
        if clash is not None:
            raise click.UsageError(f"the output {clash} is one of the inputs; irct-lint never writes to its inputs")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "formats", multiple=True, metavar="FORMAT[:FILE]", help=FORMAT_HELP)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help="Write the (first) report that has no file of its own here, atomically.",
)
@click.option("--select", multiple=True, help="Checks to run: codes, code prefixes or names (comma-separated).")
@click.option("--extend-select", multiple=True, help="Checks to run in addition to the configured selection.")
@click.option("--ignore", multiple=True, help="Checks to skip: codes, code prefixes or names.")
@click.option("--plugin", "plugins", multiple=True, help="Import this module to register more checks.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Read this configuration file (default: the nearest .irct-lint.toml or pyproject.toml).",
)
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option(
    "--fail-on",
    "fail_on",
    type=click.Choice(list(SEVERITIES)),
    default=None,
    help="The lowest severity that makes the exit status 1 (default: warning).",
)
@click.option("--exit-zero", is_flag=True, default=None, help="Exit 0 even when problems are found.")
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False),
    help="Report only findings that are not in this baseline file.",
)
@click.option(
    "--write-baseline",
    "write_baseline",
    type=click.Path(dir_okay=False),
    help="Write the findings of this run to a baseline file.",
)
@click.option("--statistics", is_flag=True, help="After the report, count the findings of each check.")
@click.option("--show-source", is_flag=True, help="Show the source line under each finding.")
@click.option("--quiet", "-q", is_flag=True, help="Shorter text output and no progress bar.")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: when a terminal).")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(0),
    default=None,
    help="Worker processes (default: all cores); the output is the same for any number.",
)
@click.option(
    "--skip-non-records",
    is_flag=True,
    help="Count files that are no trial record (a package.json, a README.txt) as skipped, not as "
    "errors: for hooks that pass every .txt, .json and .yaml file.",
)
@_input_format_option
@click.option(
    "--timeout",
    type=click.FloatRange(0),
    default=None,
    callback=lambda ctx, param, value: _timeout_option(value),
    help="Seconds reading a file, then each of its records, may take before it is stopped and "
    "reported (default 10; 0: no limit).",
)
@click.option(
    "--lang",
    type=click.Choice(list(LANGUAGES)),
    default="en",
    show_default=True,
    help="The language of the findings' messages (fa: Persian, where the catalogue has the message).",
)
def check(
    paths,
    formats,
    output,
    select,
    extend_select,
    ignore,
    plugins,
    config_path,
    isolated,
    fail_on,
    exit_zero,
    baseline_path,
    write_baseline,
    statistics,
    show_source,
    quiet,
    color,
    jobs,
    skip_non_records,
    input_format,
    timeout,
    lang,
):
    """Lint the records in PATHS (files, directories walked recursively, or - for stdin)."""
    from contextlib import ExitStack

    from .config import ConfigError, find_config, load_config
    from .filters import BaselineWriter, FindingFilter, read_baseline
    from .registry import all_checks, select_checks, unknown_selectors
    from .reports import reporter_class
    from .reports.base import InputErrorEcho
    from .runner import OutputError, RunOptions, lint_paths, open_output
    from .settings import resolve_settings

    _load(plugins)
    chosen = _parse_formats(formats, output)
    _refuse_outputs_on_inputs(list(paths), [path for _, path in chosen if path] + [write_baseline or ""])
    try:
        config = load_config(None if isolated else (config_path or find_config()))
        baseline_entries = read_baseline(baseline_path) if baseline_path else None
    except ConfigError as exc:
        click.echo(f"irct-lint: error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    settings = resolve_settings(
        {
            "select": select,
            "extend_select": extend_select,
            "ignore": ignore,
            "fail_on": fail_on,
            "exit_zero": exit_zero,
            "jobs": jobs,
            "timeout": timeout,
        },
        config,
    )
    unknown = unknown_selectors(settings.select + settings.extend_select + settings.ignore)
    if unknown:
        raise click.UsageError(f"no check is named {', '.join(repr(u) for u in unknown)} (see `irct-lint rules`)")
    checks = select_checks(all_checks(), (settings.select or ["ALL"]) + settings.extend_select, settings.ignore)
    fail = settings.fail_on
    opts = RunOptions(
        fail_severity=fail,
        exit_zero=settings.exit_zero,
        jobs=settings.workers,
        timeout=settings.timeout,
        options=config.options,
        severities=config.severity,
        keep_source=show_source or any(reporter_class(name).needs_source for name, _ in chosen),
        plugins=tuple(plugins),
        progress=not quiet and sys.stderr.isatty(),
        baseline_entries=baseline_entries or [],
        baseline_writer=BaselineWriter() if write_baseline else None,
        skip_non_records=skip_non_records,
        input_format=input_format,
        lang=lang,
    )
    if config.per_file_ignores or config.waivers or baseline_entries is not None:
        opts.filter = FindingFilter(config, baseline_entries)
    try:
        with ExitStack() as stack:
            reporters = []
            for name, path in chosen:
                stream = stack.enter_context(open_output(path))
                use_color = color if color is not None else (path is None and sys.stdout.isatty())
                reporters.append(
                    reporter_class(name)(
                        stream,
                        {
                            "color": use_color,
                            "show_source": show_source,
                            "quiet": quiet,
                            "fail_on": fail,
                            "checks": checks,
                            "statistics": statistics,
                            "gate": config.gate,
                        },
                    )
                )
            if all(path is not None for _, path in chosen):
                reporters.append(InputErrorEcho(sys.stderr))  # errors must not vanish into files only
            status = lint_paths(list(paths), checks, reporters, opts)
        if write_baseline and opts.baseline_writer is not None:
            with open_output(write_baseline) as stream:
                opts.baseline_writer.write(stream)
            click.echo(
                f"irct-lint: wrote {len(opts.baseline_writer.entries)} findings to the baseline {write_baseline}",
                err=True,
            )
            status = EXIT_USAGE if status == EXIT_USAGE else 0  # writing the baseline was the job
    except OutputError as exc:
        click.echo(f"irct-lint: error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    sys.exit(status)


def _timeout_option(value: float | None) -> float | None:
    """A finite number of seconds, or 0 for none (click's FloatRange lets inf and nan in)."""
    import math

    if value is not None and not math.isfinite(value):
        raise click.BadParameter("must be a finite number of seconds (0 for no limit)")
    return value


@cli.command()
@click.argument("path")
@_input_format_option
@click.option(
    "--timeout",
    type=click.FloatRange(0),
    default=10.0,
    show_default=True,
    callback=lambda ctx, param, value: _timeout_option(value),
    help="Seconds reading the file, then each record, may take (0: no limit).",
)
def parse(path, input_format, timeout):
    """Print the normalized record read from PATH as JSON (a list when it holds several)."""
    from .runner import Timeout, time_limit
    from .sources import InputError, load

    count = 0
    try:
        with time_limit(timeout):
            records = iter(load(path, input_format=input_format).records)
            first = next(records, None)
            second = next(records, None) if first is not None else None
        for record in (first, second):
            if record is not None:
                _print_notes(path, record)
        if second is None:
            click.echo(json.dumps(first.to_json() if first else None, ensure_ascii=False, indent=2))
            return
        click.echo("[")
        click.echo(_indented(first) + ",")
        count = 2
        previous = second
        while True:
            with time_limit(timeout):
                record = next(records, None)
            if record is None:
                break
            _print_notes(path, record)
            click.echo(_indented(previous) + ",")
            previous, count = record, count + 1
        click.echo(_indented(previous) + "\n]")
    except InputError as error:
        if count:
            click.echo("]")
        click.echo(f"{error.path}: error: {error.message}", err=True)
        sys.exit(EXIT_USAGE)
    except Timeout:
        if count:
            click.echo("]")
        click.echo(
            f"{path}: error: reading {'record ' + str(count + 1) + ' of ' if count else ''}this file took "
            f"longer than {timeout:g} s; it was stopped",
            err=True,
        )
        sys.exit(EXIT_USAGE)


def _print_notes(path: str, record) -> None:
    for code, _field, message, _node in record.notes:
        click.echo(f"{path}: {code} {message}", err=True)


def _indented(record) -> str:
    return "\n".join("  " + line for line in json.dumps(record.to_json(), ensure_ascii=False, indent=2).split("\n"))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@click.option("--plugin", "plugins", multiple=True, help="Import this module to list its checks too.")
def rules(fmt, plugins):
    """List every check."""
    from .docs import check_json, checks_markdown
    from .registry import all_checks

    _load(plugins)
    checks = all_checks()
    if fmt == "json":
        click.echo(json.dumps([check_json(c) for c in checks], indent=2))
    elif fmt == "markdown":
        click.echo(checks_markdown(checks), nl=False)
    else:
        for c in checks:
            click.echo(f"{c.code}  {c.name:<32} {c.severity:<8} {c.category:<13} {c.summary}")
        click.echo(f"\n{len(checks)} checks")


@cli.command()
@click.argument("code")
@click.option("--plugin", "plugins", multiple=True, help="Import this module to document its checks too.")
def rule(code, plugins):
    """Print the documentation of one check, by code or name."""
    from .docs import check_text
    from .registry import find

    _load(plugins)
    found = find(code)
    if found is None:
        raise click.UsageError(f"no check is named {code!r} (see `irct-lint rules`)")
    click.echo(check_text(found))


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so that every `finally` runs: workers are
    stopped and temporary files removed on the way out."""


def _on_sigterm(signum, frame):
    raise Terminated()


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback unless told).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64), help="Processes linting requests.")
@click.option("--max-bytes", default=5 * 1024 * 1024, show_default=True, type=click.IntRange(1), help="Largest body.")
@click.option(
    "--max-records", default=100, show_default=True, type=click.IntRange(1), help="Records a request may hold."
)
@click.option(
    "--timeout", default=10.0, show_default=True, type=click.FloatRange(0), help="Seconds a record may take (IL002)."
)
def serve(host, port, workers, max_bytes, max_records, timeout):
    """Serve the checks: a page for registrants at / and an HTTP API at /api/v1 (docs at /docs)."""
    import logging

    import uvicorn

    from .web.app import create_app
    from .web.limits import Limits

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    app = create_app(Limits(max_bytes=max_bytes, timeout=timeout, max_records=max_records, workers=workers))
    # uvicorn's access log would write each request's query; the app logs sizes and counts instead.
    uvicorn.run(app, host=host, port=port, access_log=False, log_level="info")


EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143


def main() -> None:
    import signal

    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        # Not click's standalone mode: it turns ^C into "Aborted!" and exit 1.
        status = cli.main(prog_name="irct-lint", standalone_mode=False)
    except SystemExit:
        raise
    except click.exceptions.Abort as exc:
        if isinstance(exc.__context__, KeyboardInterrupt) or isinstance(exc.__cause__, KeyboardInterrupt):
            click.echo("irct-lint: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        click.echo("Aborted!", err=True)
        sys.exit(1)
    except click.exceptions.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("irct-lint: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except Terminated:
        click.echo("irct-lint: terminated", err=True)
        sys.exit(EXIT_TERMINATED)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # the last line of defence: one line, never a traceback
        click.echo(f"irct-lint: internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    sys.exit(status if isinstance(status, int) else 0)
