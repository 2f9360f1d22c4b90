"""Local stand-ins of the chat platforms' HTTP APIs, for tests and benchmarks on 127.0.0.1."""
