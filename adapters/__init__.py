"""Platform adapters: each turns platform events into core calls and core replies into messages."""
