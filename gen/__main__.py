"""`python -m gen` runs the same command line as `eks-sg`."""

from gen.cli.main import main

raise SystemExit(main())
