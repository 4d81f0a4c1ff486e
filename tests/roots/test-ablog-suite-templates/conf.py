# ABlog's tests/roots/test-templates, with sphinx_posts in place of ablog
extensions = ["sphinx_posts"]
exclude_patterns = ["_build"]
