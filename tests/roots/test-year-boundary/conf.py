project = "Years"
extensions = ["myst_parser", "sphinx_posts"]
html_theme = "basic"
html_baseurl = "https://years.example.org/"
posts_timezone = "America/New_York"
exclude_patterns = ["_build"]
