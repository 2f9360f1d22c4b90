"""Anonymous reports, sealed with the analysts' public key and unlinkable to who sent them.

``sealing`` (X25519 sealed boxes), ``photos`` (metadata removed), ``receipts`` (follow-up
codes), ``store`` (submit, add, purge, statistics) and ``export`` (the analysts' side, with the
private key).
"""
