"""Lets `python -m bot` behave like the `liftup` command."""

from bot.bootstrap.cli import main

raise SystemExit(main())
