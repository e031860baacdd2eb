"""The repositories both SQL backends share; each backend brings its connection and schema."""
