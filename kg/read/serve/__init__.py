"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint: the HTTP layer (app) in front of a pool
of worker processes that answer queries with a deadline (workers)."""
