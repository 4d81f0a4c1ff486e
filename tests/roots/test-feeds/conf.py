project = "Feeds"
author = "The Feeds team"
extensions = ["myst_parser", "sphinx_posts"]
myst_enable_extensions = ["dollarmath"]
html_theme = "basic"
html_baseurl = "https://example.org/"
posts_timezone = "Europe/Paris"
posts_authors = {
    "jane": ("Jane Doe", "https://jane.example.org/"),
    "john": {"name": "John Roe", "url": "https://john.example.org/"},
    "ann": "Ann Other",
}
