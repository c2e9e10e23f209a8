"""HTTP routes, one module per API group; thin: parse, call a service, wrap in the envelope."""
