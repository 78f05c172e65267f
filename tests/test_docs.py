"""docs/checks.md is generated from the registry and must not go stale."""

from irct_lint.docs import checks_markdown
from irct_lint.registry import all_checks

from .conftest import ROOT


def test_checks_md_is_up_to_date():
    on_disk = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    assert on_disk == checks_markdown(all_checks()), (
        "docs/checks.md is stale: run `irct-lint rules --format markdown > docs/checks.md`"
    )
