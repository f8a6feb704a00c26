"""Coverage-guided fuzzing (atheris) of every parser of outside input: see harness.py."""
