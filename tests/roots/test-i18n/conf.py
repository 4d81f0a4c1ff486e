# A small blog with every label on show: drafts and scheduled posts listed, two index pages,
# a series, an author with a page, back-links, and reading times of 1, 2 and 5 minutes. Its
# own text is Latin filler, so that any English on a generated page is one of our labels.
project = "Demo"
extensions = ["myst_parser", "sphinx_posts"]
html_baseurl = "https://example.org/"
posts_show_drafts = True
posts_per_page = 2
posts_authors = {
    "ana": {"name": "Ana Lima", "url": "https://example.org/ana", "bio": "Lorem ipsum."},
}
