"""`python -m gen` runs the same command line as `eks-sg`."""

try:  # Ctrl-C before main() runs: the same quiet exit as during it (gen/cli/main.py)
    from gen.cli.main import main

    code = main()
except KeyboardInterrupt:
    import sys

    print("eks-sg: interrupted", file=sys.stderr)
    code = 130
raise SystemExit(code)
