"""Settings of the status-page client."""

# Seconds to wait for the status API before giving up.
REQUEST_TIMEOUT = 5

# How many times a failed request is retried.
RETRIES = 2
