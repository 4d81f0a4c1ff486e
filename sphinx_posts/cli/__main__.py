"""``python -m sphinx_posts.cli``: the same as the ``sphinx-posts`` command."""

from . import main

raise SystemExit(main())
