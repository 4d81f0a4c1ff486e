# ABlog's tests/roots/test-postlist, with sphinx_posts in place of ablog
extensions = ["sphinx_posts"]
exclude_patterns = ["_build"]
