"""The Router's command handlers, by area, and the argument words they share.

``bot/router.py`` owns the entry points, the error guard, /kudos, /leaderboard,
/roots and /help; each module here adds a mixin of handlers to it:
``config`` (/roots-config), ``prompts`` (/prompt, /done, /challenge) and
``admin`` (/roots-admin); ``parsing`` holds the words and mention helpers.
"""
