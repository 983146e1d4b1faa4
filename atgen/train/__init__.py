"""Training: the TRL path (one machine) and the verl path (clusters)."""
