import sys

from calma.cli import main

sys.exit(main())
