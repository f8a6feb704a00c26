"""Targeting: the rules language, risk models, selection under capacity and their metrics."""
