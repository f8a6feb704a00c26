"""The HTTP clients the node calls out with: the partner node's exchange endpoint and the
watch lists' official addresses.

Adapters, like the store: the services name what they need (``exchange.transport
.PartnerLink``, ``lists.sources.Get``) and the composition root or the command line
hands them these, so that no service imports an HTTP library.
"""
