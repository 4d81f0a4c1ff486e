# An ABlog site that kept its own templates of the blog's pages
extensions = ["myst_parser", "sphinx_posts"]
blog_title = "Lab Notes"
templates_path = ["_templates"]
html_theme = "basic"
exclude_patterns = ["_build"]
