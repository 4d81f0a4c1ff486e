# An ABlog site whose posts are named by a frontmatter title, have quotes in their headings
# and are notebooks (myst-nb here; the nbsphinx variant is set by the test).
project = "Titles"
extensions = ["myst_nb", "sphinx_posts"]
exclude_patterns = ["_build", "jupyter_execute", "nbsphinx"]
html_theme = "alabaster"
language = "en"
blog_title = "Titles"
blog_baseurl = "https://titles.example.org/"
nb_execution_mode = "off"
nbsphinx_execute = "never"
# explicit: Sphinx fills a default source_suffix in place (shared by every app of a process)
source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
