# One post in three languages (English, French, German: Hugo's translationKey and our
# translation_of), a post in Arabic alone, and one that states no language.
project = "Multi"
extensions = ["myst_parser", "sphinx_posts"]
language = "en"
html_baseurl = "https://example.org/"
