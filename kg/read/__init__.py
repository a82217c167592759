"""Readers of the store, which they never write: named queries (queries) and their result
formats (results), export, stats, push to other triple stores, SHACL validation, actor profiles
(show), drawings (viz/) and the SPARQL endpoint (serve/)."""
