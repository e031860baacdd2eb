"""The composition root: the one place that knows the concrete parts (the adapters, the stores)
and wires them to the core. Nothing in the core imports it; import-linter holds that line."""
