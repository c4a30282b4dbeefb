"""Config file (key remapping), remembered split ratio, clipboard helpers."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

from newsreader.index.models import Article, Quote
from newsreader.tui import config as user_config
from newsreader.tui.terminal.opener import article_target, ssh_host
from newsreader.tui.widgets.quotes_panel import quote_citation


def test_keys_come_from_the_config_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[keys]\n"app.quit" = "x"\n"main.quotes" = "Q, ctrl+o"\n', encoding="utf-8")
    config = user_config.load_config(path)
    assert config.keys == {"app.quit": "x", "main.quotes": "Q,ctrl+o"}
    assert config.problem is None


def test_a_missing_config_file_means_defaults(tmp_path: Path) -> None:
    config = user_config.load_config(tmp_path / "absent.toml")
    assert config == user_config.Config()


def test_a_broken_config_file_is_a_message_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[keys\nquit = ", encoding="utf-8")
    config = user_config.load_config(path)
    assert config.keys == {}
    assert config.problem is not None and str(path) in config.problem


def test_non_string_keys_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[keys]\n"app.quit" = 3\n"main.quotes" = "w"\n', encoding="utf-8")
    config = user_config.load_config(path)
    assert config.keys == {"main.quotes": "w"}
    assert config.problem is not None and "app.quit" in config.problem


def test_env_var_names_the_config_file(quiet_environment: Path) -> None:
    assert user_config.config_path() == quiet_environment


def test_split_is_remembered_and_clamped(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "config.toml"
    assert user_config.load_config(path).split == user_config.DEFAULT_SPLIT
    assert user_config.save_split(55, path) is None
    assert user_config.load_config(path).split == 55
    user_config.save_split(500, path)
    assert user_config.load_config(path).split == user_config.MAX_SPLIT
    user_config.state_path(path).write_text("not json", encoding="utf-8")
    assert user_config.load_config(path).split == user_config.DEFAULT_SPLIT


def test_theme_comes_from_the_config_file_before_the_remembered_one(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "config.toml"
    assert user_config.load_config(path).theme is None
    assert user_config.save_theme("nord", path) is None
    user_config.save_split(55, path)
    assert (user_config.load_config(path).theme, user_config.load_config(path).split) == (
        "nord",
        55,
    )
    path.write_text('theme = "ansi-dark"\n', encoding="utf-8")
    assert user_config.load_config(path).theme == "ansi-dark"
    path.write_text("theme = 3\n", encoding="utf-8")
    assert user_config.load_config(path).problem == f"{path}: theme must be a string"


def test_ssh_host_only_over_ssh() -> None:
    assert ssh_host({}) is None
    assert ssh_host({"SSH_CONNECTION": "1.2.3.4 5 6.7.8.9 22"})


def test_quote_citation_names_speaker_title_and_date() -> None:
    article = Article("a1", "Talks resume", "text", date=dt.date(2025, 1, 12))
    quote = Quote("“We are ready”", 0, 10, ((0, 10),), speaker="Zelensky")
    assert quote_citation(quote, article) == "“We are ready” — Zelensky (Talks resume, 2025-01-12)"
    anonymous = Quote("words", 0, 5, ((0, 5),))
    assert "unknown speaker" in quote_citation(anonymous, article)


def test_article_target_prefers_the_url() -> None:
    assert article_target(Article("a", "t", "x", url="https://n.test/a")) == "https://n.test/a"
    assert article_target(Article("a", "t", "x")) is None


def test_unknown_settings_and_a_bad_mouse_mode_are_named(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('mouse = "sometimes"\ncolour = "red"\nthmee = "nord"\n', encoding="utf-8")
    config = user_config.load_config(path)
    assert config.mouse == "auto"
    assert config.problem is not None
    assert "colour, thmee" in config.problem and "mouse must be one of" in config.problem
    path.write_text('mouse = "clicks"\n', encoding="utf-8")
    assert (user_config.load_config(path).mouse, user_config.load_config(path).problem) == (
        "clicks",
        None,
    )


def test_the_config_folder_and_state_file_are_private_whatever_the_umask(tmp_path: Path) -> None:
    path = tmp_path / "fresh" / "config.toml"
    old = os.umask(0o022)
    try:
        assert user_config.save_theme("nord", path) is None
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(user_config.state_path(path).stat().st_mode) == 0o600
    user_config.state_path(path).chmod(0o644)  # written by an older version
    user_config.save_split(50, path)
    assert stat.S_IMODE(user_config.state_path(path).stat().st_mode) == 0o600


def test_the_state_file_is_written_through_a_symbolic_link(tmp_path: Path) -> None:
    """A state.json kept elsewhere (dotfiles) and linked here: the link stays, its target
    holds what the reader remembers."""
    path = tmp_path / "config.toml"
    kept = tmp_path / "dotfiles" / "state.json"
    kept.parent.mkdir()
    kept.write_text("{}")
    (tmp_path / "state.json").symlink_to(kept)
    assert user_config.save_split(55, path) is None
    assert (tmp_path / "state.json").is_symlink()
    assert user_config.read_state(kept)["split"] == 55
