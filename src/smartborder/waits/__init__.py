"""Border wait times as a service: recorded from simulations and the booths' counts, read
by the public feed. The CLI, the API and the demo call this; none of them touches the
store's wait-time repository by itself."""

from smartborder.waits.service import current_and_forecast, port_zone, record_waits

__all__ = ["current_and_forecast", "port_zone", "record_waits"]
