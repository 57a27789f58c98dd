"""Interfaces (live, saved, planned) and the setup's flows to findings."""
