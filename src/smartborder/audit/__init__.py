"""The audit trail as a service: record reads and decisions, verify and export the chain."""
