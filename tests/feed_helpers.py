"""The news the feed tests fetch: four feeds (RSS 2.0, Atom, relative links, no dates) and
their entries' pages, served by tests/web_server.py."""

from __future__ import annotations

from web_server import WebServer, article_page

RSS_CONTENT = "application/rss+xml; charset=utf-8"
ATOM_CONTENT = "application/atom+xml; charset=utf-8"

PAGES: dict[str, tuple[str, list[str]]] = {
    "/news/ferry-terminal": (
        "Council approves new ferry terminal",
        [
            "The harbour council voted seven to two on Monday night to build a new ferry terminal "
            "on the north quay, ending a dispute that has divided the town for three years.",
            "\u201cThis is the most important decision we have taken in a generation,\u201d said "
            "the council leader, Anna Berg. \u201cThe ferries bring the jobs.\u201d",
            "The terminal will cost 48 million pounds and open in 2028, the council said.",
        ],
    ),
    "/news/fishing-quotas": (
        "Fishing quotas cut by a fifth",
        [
            "Fishing quotas for the harbour fleet will fall by 20 percent next season after a "
            "survey found fewer cod in the bay than at any time since records began.",
            "\u201cWe will have to tie up half the boats,\u201d said Joe Marsh, who has fished "
            "from the harbour for thirty years. The ministry said the cut was unavoidable.",
        ],
    ),
    "/valley/bridge-reopens": (
        "Bridge reopens after repairs",
        [
            "The old stone bridge over the river reopened to traffic on Tuesday after eight months "
            "of repairs that cost the county 3.2 million pounds.",
            "\u201cIt is good to have the town joined up again,\u201d said Priya Shah, who runs "
            "the bakery on the east bank. Queues at the ring road fell within an hour.",
        ],
    ),
    "/relative/library-hours.html": (
        "Library extends its opening hours",
        [
            "The town library will open until nine in the evening on weekdays from February, "
            "after a campaign by students who said they had nowhere quiet to work.",
            "The change costs 40,000 pounds a year, which the county will pay, the head "
            "librarian, Olu Adeyemi, said on Friday.",
        ],
    ),
    "/notes/market-day": (
        "Market day moves to Saturday",
        [
            "The weekly market will move from Wednesday to Saturday from next month, the traders' "
            "association announced, after a vote in which 62 of its 80 members took part.",
            "Shops on the high street welcomed the change, saying Saturdays bring more visitors.",
        ],
    ),
}
FEEDS = {  # path -> (fixture file, content type)
    "/rss.xml": ("rss2.xml", RSS_CONTENT),
    "/atom.xml": ("atom.xml", ATOM_CONTENT),
    "/relative/feed.xml": ("relative.xml", RSS_CONTENT),
    "/notes/feed.xml": ("undated.xml", RSS_CONTENT),
}


def serve_news(server: WebServer) -> dict[str, str]:
    """Serve the feeds and their pages; feed path -> its URL."""
    for path, (title, paragraphs) in PAGES.items():
        server.add(path, article_page(title, paragraphs))
    return {path: server.add_fixture(path, name, kind) for path, (name, kind) in FEEDS.items()}
