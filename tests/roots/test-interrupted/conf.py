# A small blog whose builds the interrupted-build tests kill at named points (kill_switch.py).
import sys
from pathlib import Path

if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))

project = "Interrupted"
author = "Test Author"
copyright = "2025, Test Author"
extensions = ["myst_parser", "sphinx_posts", "kill_switch"]
html_theme = "basic"
html_baseurl = "https://example.org/"
posts_per_page = 2
exclude_patterns = ["_build"]
