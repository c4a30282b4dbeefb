"""The newsreader corpus library: ingest, analysis, storage and search. No UI here."""
