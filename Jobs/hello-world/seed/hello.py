"""A tiny command-line greeter."""

import sys


def greet(name):
    # TODO: return the greeting for name.
    raise NotImplementedError


if __name__ == "__main__":
    print(greet(sys.argv[1] if len(sys.argv) > 1 else "world"))
