"""Intake from the web: HTTP (fetching), article extraction, feeds, OPML and canonical URLs."""
