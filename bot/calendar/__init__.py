"""Calendar rules: when daily schedules fire. Pure, time-zone-aware (DST-correct)
computations; the scheduler (bot/scheduler.py) uses them."""
