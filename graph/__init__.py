"""The only package that speaks Cypher: driver lifecycle, schema and repositories."""
