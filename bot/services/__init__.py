"""Services hold the rules. Each takes its ports (store, clock) as arguments."""
