"""Watch-list matching: normalise, index, score and explain."""
