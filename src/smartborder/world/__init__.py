"""The synthetic world: a reproducible day of people, flights and the listed persons and
namesakes planted in it, with its ports and name parts. The demo reports on it; the
benchmarks and the tests build their data from it. It imports only the domain and the
formats, so that anything above them may use it."""
