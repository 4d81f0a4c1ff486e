project = "Blog"
extensions = ["myst_parser", "sphinx_posts"]
html_theme = "basic"
posts_per_page = 5
exclude_patterns = ["_build"]
html_baseurl = "https://blog.example.org/"
