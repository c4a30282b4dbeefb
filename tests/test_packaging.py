"""The sdist and the wheel build with the declared build requirement and carry the licence."""

from __future__ import annotations

import email
import re
import shutil
import subprocess
import tarfile
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # builds the sdist and the wheel

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ("pyproject.toml", "README.md", "LICENSE", "index", "tui", "seeds")


def test_sdist_and_wheel_carry_the_license(tmp_path: Path) -> None:
    # A copy, so that building writes nothing into the work tree the suite runs from.
    source = tmp_path / "src"
    source.mkdir()
    for name in SHIPPED:
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
        copy(ROOT / name, source / name)
    out = tmp_path / "dist"
    python = _oldest_build_backend(tmp_path / "venv")
    done = subprocess.run(
        [str(python), "-m", "build", "--no-isolation", "--outdir", str(out), str(source)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
    assert any(n.endswith("/LICENSE") and n.count("/") == 1 for n in names), names
    with zipfile.ZipFile(wheel) as archive:
        files = archive.namelist()
        info = next(n for n in files if n.endswith(".dist-info/METADATA"))
        metadata = email.message_from_bytes(archive.read(info))
        licence = next(n for n in files if n.endswith(".dist-info/licenses/LICENSE"))
        assert "MIT License" in archive.read(licence).decode()
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("License-File") == ["LICENSE"]
    assert any(n.startswith("newsreader/seeds/") and n.endswith(".txt") for n in files)
    # Every module of the reader is packaged (styles live in them, as DEFAULT_CSS).
    tui = ROOT / "tui"
    modules = {f"newsreader/tui/{m.relative_to(tui).as_posix()}" for m in tui.rglob("*.py")}
    assert modules <= set(files), sorted(modules - set(files))
    assert not any(n.startswith("newsreader/index/data") for n in files)


def _oldest_build_backend(folder: Path) -> Path:
    """A venv with the oldest setuptools series the build requirement allows (an isolated
    build would take the newest, hiding a minimum set too low)."""
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["requires"]
    (minimum,) = [m.group(1) for r in requires if (m := re.match(r"setuptools>=(\d+)", r))]
    venv.create(folder, with_pip=True)
    python = folder / "bin" / "python"
    done = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", f"setuptools=={minimum}.*", "build"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return python
