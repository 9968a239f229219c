"""When daily schedules fire: pure, time-zone-aware (DST-correct) computations."""
