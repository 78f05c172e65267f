"""docs/checks.md is generated from the registry and must not go stale."""

from irct_lint.docs import checks_markdown
from irct_lint.registry import all_checks

from .conftest import ROOT


def test_checks_md_is_up_to_date():
    on_disk = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    assert on_disk == checks_markdown(all_checks()), (
        "docs/checks.md is stale: run `irct-lint rules --format markdown > docs/checks.md`"
    )


def test_every_format_is_listed_in_the_readme_and_mapped_in_docs_record_md():
    from irct_lint.readers import FORMATS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    record = (ROOT / "docs" / "record.md").read_text(encoding="utf-8")
    for name in FORMATS:
        assert f"`{name}`" in readme, name
        if name not in ("irct-text", "json", "yaml"):  # the record's own table maps these
            assert f"(`{name}`" in record, name
