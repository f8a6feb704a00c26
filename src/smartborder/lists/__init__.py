"""What the node screens and targets against: its watch lists (loaded, fetched from
their official addresses, kept warm as an engine) and its targeting rule sets, with how
well each performs (a service that clearance and goods both use)."""
