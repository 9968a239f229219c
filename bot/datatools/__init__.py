"""Data tools behind `roots migrate`, `roots export` and `roots import`.

- ``tables``: the one list of Roots tables (keys, ids, what belongs to a community),
  shared by export and import.
- ``common``: opening databases for the tools (never creating a SQLite file by
  accident), masking URLs, the error the CLI turns into a message and an exit code.
- ``migrate``: apply migrations and report the schema version.
- ``export``: one community's rows as JSON or as a directory of CSV files.
- ``transfer``: copy a whole SQLite database into PostgreSQL, verified and idempotent.
- ``commands``: the argparse subcommands bot/cli.py adds, and their runners.
"""
