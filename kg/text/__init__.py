"""Text: files and folders -> Articles (ingest), date expressions (dates), the reference actors
and titles (reference, data/), and the spaCy pipeline that annotates a Doc (nlp). No facts here."""
