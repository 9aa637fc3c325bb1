import sys

from bench.streams.run import main

if __name__ == "__main__":
    sys.exit(main())
