"""The Router's command handlers, by area, and the argument words they share.

``bot/router.py`` owns the entry points, the error guard, /kudos, /leaderboard,
/roots and /help; each module here adds a mixin of handlers to it:
``config`` (/roots-config), ``daily_prompts`` (/prompt, /done, the "Done" button),
``challenge`` (/challenge) and ``admin`` (/roots-admin); ``registry`` describes every
command once; ``parsing`` holds the mention and channel helpers of the words path.
"""
