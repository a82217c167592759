"""The newskg ontology and reference actors (Turtle), shipped inside the package as kg.ontology."""
