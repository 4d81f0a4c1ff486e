extensions = ["myst_parser", "sphinx_posts"]
html_baseurl = "https://example.org/"
exclude_patterns = ["_build"]
# Jekyll's "pretty" style: every post had a folder's address
posts_old_permalinks = ["pretty"]
