import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

project = "Backlinks"
extensions = ["myst_parser", "sphinx.ext.autodoc", "sphinx_posts"]
html_theme = "basic"
html_baseurl = "https://example.org/"
exclude_patterns = ["_build"]
