"""From data/reference.yaml to one checked, typed Reference."""
