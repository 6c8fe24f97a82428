"""spaCy-based extraction: article text in, domain objects out. No I/O beyond loading data files."""
