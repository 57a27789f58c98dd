"""The command line: argparse, one option parser, exit codes, which data file."""
