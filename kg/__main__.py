from kg.cli import main

# the name `kg` in usage lines and in the shell completion variable (_KG_COMPLETE), as the script has
main(prog_name="kg")
