"""Lets `python -m bot` behave like the `liftup` command."""

from bot.cli import main

raise SystemExit(main())
