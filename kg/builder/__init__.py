"""Build: resolution across articles (resolve), the only code that mints RDF (rdf), extraction
in worker processes (parallel) or on a Dask cluster (distributed), and the writer that ties them
together (pipeline: build, remove)."""
