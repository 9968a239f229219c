"""Daily prompts: the built-in library of pay-it-forward actions, in English and French."""
