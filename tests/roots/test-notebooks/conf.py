extensions = ["myst_nb", "sphinx_posts"]
exclude_patterns = ["_build", "jupyter_execute"]
html_baseurl = "https://example.org/"
nb_execution_mode = "off"
# explicit: Sphinx fills a default source_suffix in place, and in a test process that default
# is shared with the myst-parser sites built before this one
source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
