"""Reaching what an article points to: the system opener on a desktop, nothing over SSH."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping

from newsreader.index.models import Article


def ssh_host(environ: Mapping[str, str] | None = None) -> str | None:
    """The host name when running over SSH (SSH_CONNECTION set), else None."""
    env = os.environ if environ is None else environ
    if not env.get("SSH_CONNECTION"):
        return None
    import socket

    return socket.gethostname()


def article_target(article: Article) -> str | None:
    """What `o` opens for an article: its URL, else the file it was read from."""
    return article.url or article.path


def opener() -> list[str] | None:
    """The desktop's open command, or None when there is none."""
    if sys.platform == "darwin":
        return ["open"]
    if sys.platform.startswith("win"):
        return ["explorer"]
    found = shutil.which("xdg-open")
    return [found] if found else None


def open_externally(target: str) -> str | None:
    """Launch the system opener on target, detached; an error message instead of raising."""
    command = opener()
    if command is None:
        return "no system opener (xdg-open) found"  # a reason: the caller shows the target
    try:
        subprocess.Popen(
            [*command, target],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as error:
        return f"could not open {target}: {error}"
    return None
