extensions = ["myst_parser", "sphinx_posts"]
myst_enable_extensions = ["dollarmath", "amsmath"]
posts_authors = {
    "jane": ("Jane Doe", "https://jane.example.org/"),
    "john": {"name": "John Roe", "url": "https://john.example.org/"},
    "ann": "Ann Other",
}
html_baseurl = "https://example.org/"
