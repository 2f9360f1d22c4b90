"""Channels turn platform input into neutral events and rendered replies into platform output."""
