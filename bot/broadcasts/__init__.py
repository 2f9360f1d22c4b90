"""Volunteers, broadcasts, tracked links (issue 8)."""
