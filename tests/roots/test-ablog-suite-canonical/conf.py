# ABlog's tests/roots/test-canonical, with sphinx_posts in place of ablog
extensions = ["sphinx_posts"]
exclude_patterns = ["_build"]

blog_baseurl = "https://blog.example.com/"
blog_feed_fulltext = True
blog_feed_templates = {
    "atom": {},
    "social": {
        "content": "{{ title }}{% for tag in post.tags %} #{{ tag.name|trim()|replace(' ', '') }}{% endfor %}",
    },
}

html_baseurl = blog_baseurl
