"""``smartborder demo``: a synthetic day at two partner ports, run through every capability."""
