"""Opening the reader: the library, the bundled seeds on first launch, then the Textual app."""

from __future__ import annotations

import argparse
import os

from newsreader.index.ingest.demo import BUNDLED_SEEDS, DEMO_NOTICE, DEMO_SOURCE
from newsreader.index.library import Library

from ..model.search_thread import PageQuery, SearchThread
from .opening import open_library
from .output import say_notices


def launch(args: argparse.Namespace) -> int:
    """Run the TUI on the library; the bundled demo articles on the default library's first
    launch (a library named with --library or NEWSREADER_LIBRARY is the user's own: never).

    The first page is listed from SQLite on the search thread while the app is imported; the
    search index opens in the app, after that page is drawn.
    """
    library = open_library(args, defer_index=True)
    try:
        say_notices(library.notices)
        if _first_default_launch(args, library):
            say_notices([f"first launch: adding the demo articles in {BUNDLED_SEEDS}"])
            library.ingest([BUNDLED_SEEDS], source=DEMO_SOURCE)
            library.notices.append(DEMO_NOTICE)  # shown in the reader, which says how to remove
        query = args.start_query if args.start_query is not None else " ".join(args.words)
        search_thread = SearchThread()
        if not query.strip():  # the library's newest articles, from SQLite: ready before the app
            search_thread.prefetch(library, PageQuery(""), args.now)
        from ..app import NewsReaderApp

        app = NewsReaderApp(library, query=query, now=args.now, search_thread=search_thread)
        app.run(mouse=not args.no_mouse and app.mouse_mode != "off")
        return app.return_code or 0
    finally:
        library.close()


def _first_default_launch(args: argparse.Namespace, library: Library) -> bool:
    default = args.library is None and not os.environ.get("NEWSREADER_LIBRARY")
    return default and library.record_created and library.is_empty() and BUNDLED_SEEDS.is_dir()
