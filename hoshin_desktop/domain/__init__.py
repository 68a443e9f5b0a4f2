"""The domain: dataclasses and rules of the city's planning cycle. No I/O, no Qt."""
