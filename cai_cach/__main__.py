from __future__ import annotations

from cai_cach.cli import main

if __name__ == "__main__":
    main()
