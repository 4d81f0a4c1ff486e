project = "Site"
extensions = ["myst_parser", "sphinx_posts"]
posts_authors = {"jane": ("Jane Doe", "https://jane.example.org/")}
version = "1.0"
copyright = "2025, The authors"
html_baseurl = "https://example.org/"
