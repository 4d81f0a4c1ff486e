# An ABlog site whose conf.py says nothing about the blog (no blog_*, post_* or posts_*
# setting): ABlog's post directive in its posts makes it an ABlog site
extensions = ["myst_parser", "sphinx_posts"]
myst_enable_extensions = ["colon_fence"]
html_baseurl = "https://example.org/"
exclude_patterns = ["_build"]
