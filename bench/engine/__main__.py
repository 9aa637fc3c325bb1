import sys

from bench.engine.run import main

if __name__ == "__main__":
    sys.exit(main())
