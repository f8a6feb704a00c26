"""Port operations: queue simulation, staffing, wait-time forecasting."""
