"""Analyses on top of a ranking: how sure it is, and what would change it. Pure, no I/O."""
