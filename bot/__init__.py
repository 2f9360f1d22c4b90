"""Everything in movesafe that does I/O: channels, runtime, storage, CLI, settings."""
