extensions = ["myst_nb", "sphinx_posts"]
exclude_patterns = ["_build", "jupyter_execute"]
html_baseurl = "https://example.org/"
nb_execution_mode = "off"
