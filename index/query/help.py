"""The search language in a few lines, for `--help` and the reader's help screen.

It lives apart from the parser so that printing it does not import the search engine.
"""

QUERY_HELP = """\
Search language (newsreader search QUERY, or / in the reader)

  tariff china          articles with both words; word forms match (tariffs, tariffed)
  tariff OR duty        either word          tariff AND china    both (AND is optional)
  tariff -china         tariff but not china (also: tariff NOT china)
  +tariff               the word must be there (same as a plain word)
  "trade war"           the exact phrase     tarif*             words starting with tarif
  (tariff OR duty) -china                    parentheses group
  title:budget          in the title only    title:"budget deficit"
  source:reuters  category:sport             by source or category word
  person:merkel  org:"central bank"  place:berlin  entity:opec  speaker:brown
  date:2025-01-13  date:2025-01  date:2025   a day, a month, a year
  date:2025-01-01..2025-01-31  date:..2025-01-10  date:2024..  ranges, open at one end
  date:"last week"..today  date:yesterday    words too (a bound covers its whole span)
  date:>2025-01-10  date:>=2025-01  date:<2025  date:<=2025-01-10
  after:"2 weeks ago"   on or after          before:yesterday    strictly before
  read:yes|no  starred:yes|no  archived:yes|no  tag:NAME  (-tag:NAME excludes)

Common words (the, of, and...) are not indexed. An empty query lists everything, newest first.
A range written backwards (date:2025..2020) is read forwards, and the problem line says so.
If a query cannot be read (unbalanced quote or parenthesis, unknown field, a lone
operator), its plain words are searched instead and the reason is shown (only common words:
nothing is found, as for the same words in a sound query).
"""
