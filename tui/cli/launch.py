"""Opening the reader: the library, the bundled seeds on first launch, then the Textual app."""

from __future__ import annotations

import argparse
import sys

from newsreader.index.library import BUNDLED_SEEDS, Library
from newsreader.tui.cli.output import say_notices
from newsreader.tui.search_thread import PageQuery, SearchThread


def launch(args: argparse.Namespace) -> int:
    """Run the TUI on the library; index the bundled seeds when the library is empty.

    The first page is listed from SQLite on the search thread while the app is imported; the
    search index opens in the app, after that page is drawn.
    """
    library = Library.open(args.library, defer_index=True)
    try:
        say_notices(library.notices)
        if library.is_empty() and BUNDLED_SEEDS.is_dir():
            sys.stderr.write(
                f"newsreader: empty library, indexing the demo articles in {BUNDLED_SEEDS}\n"
            )
            library.ingest([BUNDLED_SEEDS])
        query = args.start_query if args.start_query is not None else " ".join(args.words)
        search_thread = SearchThread()
        if not query.strip():  # the library's newest articles, from SQLite: ready before the app
            search_thread.prefetch(library, PageQuery(""), args.now)
        from newsreader.tui.app import NewsReaderApp

        app = NewsReaderApp(library, query=query, now=args.now, search_thread=search_thread)
        app.run(mouse=not args.no_mouse)
        return app.return_code or 0
    finally:
        library.close()
