"""Greets people by name from the command line."""

import argparse


def main(argv=None):
    parser = argparse.ArgumentParser(description="Greet someone.")
    parser.add_argument("name", nargs="?", default="world")
    parser.parse_args(argv)
    # TODO: print the greeting.


if __name__ == "__main__":
    main()
