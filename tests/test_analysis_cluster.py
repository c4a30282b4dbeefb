"""Analysis on Dask: `index` and `fetch` with `--workers N` (a LocalCluster) or `--scheduler`
(a cluster of our own here, two local workers), against the same articles analysed locally."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from feed_helpers import serve_news
from process_helpers import NEWSREADER, alive, library_env, start, wait_until, write_feed

from newsreader.index.analysis.executors.dask_cluster import NO_DASHBOARD
from newsreader.index.library import Library
from newsreader.index.models import Analysis
from newsreader.tui.cli.main import main

distributed = pytest.importorskip("distributed", reason="needs newsreader[cluster]")

pytestmark = pytest.mark.slow  # spaCy's model in every worker of a two-worker cluster

ARTICLES = 32  # two batches per worker: small, as the machine is shared
BATCH_KEY = "analyze_batch-"  # how Dask names the tasks of worker.analyze_batch


@pytest.fixture(scope="module")
def feed(tmp_path_factory, seeds_dir: Path) -> Path:
    path = tmp_path_factory.mktemp("cluster") / "feed.jsonl"
    write_feed(path, seeds_dir, ARTICLES)
    return path


@pytest.fixture(scope="module")
def analysed_locally(feed: Path, tmp_path_factory) -> dict[str, Analysis]:
    """Every article's stored annotations after a plain local `index`."""
    library = tmp_path_factory.mktemp("local") / "lib"
    done = _index(library, feed)
    assert done.returncode == 0, done.stderr
    return _annotations(library)


def _index(library: Path, *args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(NEWSREADER), "index", *map(str, args)],
        env=library_env(library), capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def _annotations(library: Path) -> dict[str, Analysis]:
    with Library.open(library) as lib:
        hits = lib.search("dispatch", limit=1000)
        return {hit.id: lib.analysis(hit.id) for hit in hits.hits}


def _messages(stderr: str) -> list[str]:
    """What a run said besides its progress lines and its summary."""
    progress = ("loading the analysis model", "reading", "analysing", "writing the index",
                "merging")  # fmt: skip
    return [line for line in stderr.splitlines()
            if not line.startswith(progress) and " added, " not in line]  # fmt: skip


def test_a_local_cluster_stores_what_local_analysis_stores(feed, analysed_locally, tmp_path):
    library = tmp_path / "lib"
    done = _index(library, feed, "--workers", "2")
    assert done.returncode == 0, done.stderr
    assert _messages(done.stderr) == []
    assert "32 added" in done.stderr
    on_cluster = _annotations(library)
    assert len(on_cluster) == ARTICLES
    assert on_cluster == analysed_locally
    assert all(a.entities for a in on_cluster.values())  # analysed, not stored empty
    assert sum(len(a.quotes) for a in on_cluster.values()) > ARTICLES


def test_a_worker_killed_mid_run_loses_and_doubles_nothing(feed, analysed_locally, tmp_path):
    library = tmp_path / "lib"
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, host="127.0.0.1", **NO_DASHBOARD
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        run = start("index", str(feed), "--scheduler", cluster.scheduler_address, library=library)
        try:
            busy = _worker_analysing(client, run)
            pid = client.run(os.getpid, workers=[busy])[busy]
            os.kill(pid, signal.SIGKILL)
            _, err = run.communicate(timeout=600)
        finally:
            if run.poll() is None:
                run.kill()
        assert run.returncode == 0, err
        assert _messages(err) == []
        assert f"{ARTICLES} added" in err
        # The dead worker's batch ran again elsewhere: the run waited for it, then stored it once.
        restarted = client.run(os.getpid)
        assert pid not in restarted.values()
    on_cluster = _annotations(library)
    assert len(on_cluster) == ARTICLES
    assert on_cluster == analysed_locally
    with Library.open(library) as lib:
        assert lib.count() == ARTICLES


def _worker_analysing(client, run: subprocess.Popen) -> str:
    """The address of a worker analysing one of the run's batches now (the run still going)."""
    found: list[str] = []

    def busy() -> bool:
        assert run.poll() is None, "the run ended before a worker could be killed"
        found[:] = [worker for worker, keys in client.processing().items()
                    if any(str(key).startswith(BATCH_KEY) for key in keys)]  # fmt: skip
        return bool(found)

    wait_until(busy, 300, "a worker analysing a batch of the run")
    return found[0]


def test_an_unreachable_scheduler_is_one_line_and_changes_nothing(feed, tmp_path, seeds_dir):
    library = tmp_path / "lib"
    assert _index(library, seeds_dir, "--no-analysis").returncode == 0
    with Library.open(library) as lib:
        before = lib.count()
    address = f"tcp://127.0.0.1:{_closed_port()}"
    started = time.monotonic()
    done = _index(library, feed, "--scheduler", address)
    assert done.returncode == 1
    assert _messages(done.stderr) == [
        f"newsreader: {address}: cannot reach the Dask scheduler (no answer within 10 s)"
    ]
    assert time.monotonic() - started < 300  # it gives up, rather than waiting for ever
    with Library.open(library) as lib:
        assert lib.count() == before


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_fetch_on_a_local_cluster_stores_what_a_local_fetch_stores(web_server, tmp_path, capsys):
    feeds = serve_news(web_server)
    stored: list[dict[str, Analysis]] = []
    for name, extra in (("local", []), ("cluster", ["--workers", "2"])):
        library = tmp_path / name
        for url in feeds.values():
            assert main(["feed", "add", url, "--library", str(library)]) == 0
        assert main(["fetch", *extra, "--library", str(library)]) == 0
        capsys.readouterr()
        with Library.open(library) as lib:
            ids = [hit.id for hit in lib.search("", limit=100).hits]
            stored.append({i: lib.analysis(i) for i in ids})
    local, cluster = stored
    assert len(local) >= 5
    assert cluster == local
    assert any(a.quotes for a in cluster.values())


@pytest.mark.parametrize(
    "options",
    [
        ["--workers", "0"],
        ["--workers", "2", "--no-analysis"],
        ["--scheduler", "tcp://127.0.0.1:8786", "--workers", "2"],
    ],
)
def test_cluster_options_that_cannot_go_together_are_usage_errors(options, feed, tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["index", str(feed), *options, "--library", str(tmp_path / "lib")])
    assert stopped.value.code == 2
    assert "--workers" in capsys.readouterr().err


def test_ctrl_c_ends_a_run_and_its_local_cluster_with_one_line(feed, tmp_path):
    run = start("index", str(feed), "--workers", "2", library=tmp_path / "lib")
    try:
        wait_until(lambda: run.poll() is not None or len(_workers_of(run.pid)) == 2, 300,
                   "the local cluster's two workers, started")  # fmt: skip
        assert run.poll() is None, "the run ended before it could be interrupted"
        workers = _workers_of(run.pid)
        os.killpg(run.pid, signal.SIGINT)  # as a terminal does: the workers get it too
        _, err = run.communicate(timeout=120)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == 130
    assert _messages(err) == ["newsreader: interrupted"]
    wait_until(lambda: not any(alive(pid) for pid in workers), 60, "the workers to end")


def _workers_of(pid: int) -> list[int]:
    """The Dask worker processes a run spawned (its children running multiprocessing's spawn)
    that have started: they ignore SIGINT from then on (a Ctrl-C while one is still starting
    Python can make it print a fatal error: README, "Analysis past one machine")."""
    found = []
    try:
        children = [c for t in Path(f"/proc/{pid}/task").iterdir()
                    for c in (t / "children").read_text().split()]  # fmt: skip
    except OSError:  # the run has ended
        return []
    for child in children:
        try:
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in cmdline and _ignores_ctrl_c(child):
            found.append(int(child))
    return found


def _ignores_ctrl_c(pid: str) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    ignored = next(line.split()[1] for line in status.splitlines() if line.startswith("SigIgn:"))
    return bool(int(ignored, 16) & (1 << (signal.SIGINT - 1)))
