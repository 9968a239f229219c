"""Discord slash commands, one discord.py cog per module (see the Discord adapter issue)."""
