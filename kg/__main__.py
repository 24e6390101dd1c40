"""`python -m kg` runs the command line."""

from kg.cli import cli

if __name__ == "__main__":
    cli()
