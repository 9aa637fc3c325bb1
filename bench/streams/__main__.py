import sys

from bench.streams.run import main

sys.exit(main())
