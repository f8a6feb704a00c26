"""Cargo risk targeting: declarations, features, the risk model, lanes and selection."""
