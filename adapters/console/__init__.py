"""Console adapter: try Roots in a terminal with no token."""

from adapters.console.app import ConsoleAdapter

__all__ = ["ConsoleAdapter"]
