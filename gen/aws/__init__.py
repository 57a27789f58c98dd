"""EC2's vocabulary both ways, and the only code that calls AWS."""
