"""Everything in movesafe that does I/O: channels, runtime, storage, CLI, settings."""

import os

# python-telegram-bot 22 moves durations (RetryAfter.retry_after, …) to timedelta and warns on
# every read of the old int form unless this is set; we use the new form everywhere.
os.environ.setdefault("PTB_TIMEDELTA", "true")
