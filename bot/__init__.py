"""Roots core: platform-neutral services, storage and messages. Never imports discord or slack."""
