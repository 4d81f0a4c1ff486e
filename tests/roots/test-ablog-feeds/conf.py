# An ABlog site's feed settings (ABlog's docs' names), switched in one line.
project = "Field Notes"
author = "Field"
extensions = ["sphinx_posts"]
exclude_patterns = ["_build"]
html_theme = "alabaster"
language = "en"

blog_baseurl = "https://example.org/"
blog_title = "Field Notes"
blog_feed_subtitle = "What we saw in the field"
blog_feed_fulltext = True
blog_post_pattern = []
blog_authors = {
    "ana": ("Ana Souza", "https://ana.example.org"),
    "ben": ("Ben Okafor", None),
}
blog_locations = {"lisbon": ("Lisbon", None)}
blog_languages = {"pt": ("Portuguese", None)}
