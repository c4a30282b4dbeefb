"""The architecture's import rules, as import-linter contracts in pyproject.toml.

`lint-imports` reads every module of newsreader.index and newsreader.tui (without importing
them) and checks the contracts; these tests run it as a developer would, and check that it
really finds a broken rule.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(*args: str) -> subprocess.CompletedProcess[str]:
    """`lint-imports ARGS` from the project's root, without writing a cache there."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def settings() -> dict:
    """The [tool.importlinter] table of pyproject.toml."""
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"]


def contracts() -> list[dict]:
    return settings()["contracts"]


def test_every_import_contract_is_kept() -> None:
    done = lint_imports()
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Contracts: {len(contracts())} kept, 0 broken." in done.stdout, done.stdout


def test_a_broken_contract_fails_and_names_the_import(tmp_path: Path) -> None:
    roots = ", ".join(f'"{name}"' for name in settings()["root_packages"])
    config = tmp_path / "broken.toml"
    config.write_text(
        "[tool.importlinter]\n"
        f"root_packages = [{roots}]\n"
        "[[tool.importlinter.contracts]]\n"
        'name = "the reader never imports the library (false: it must)"\n'
        'type = "forbidden"\n'
        'source_modules = ["newsreader.tui.cli.main"]\n'
        'forbidden_modules = ["newsreader.index.library"]\n',
        encoding="utf-8",
    )
    done = lint_imports(str(config))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "0 kept, 1 broken" in done.stdout
    assert "newsreader.tui.cli.main -> " in done.stdout


def test_the_pure_text_helpers_load_without_spacy() -> None:
    """What the static contract cannot see: the packages above each helper, imported first."""
    [contract] = [c for c in contracts() if c["name"].startswith("the pure-text helpers")]
    imports = "; ".join(f"import {name}" for name in contract["source_modules"])
    script = f"import sys; {imports}; print('spacy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
