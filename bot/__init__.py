"""liftup: a community bot for people building careers in AI."""

__version__ = "0.1.0"
