"""``sphinx-posts migrate``: a Hugo, Jekyll, Astro, Next.js, Nikola or Pelican blog's posts as
MyST posts with our frontmatter. One module a generator; ``run`` drives them."""
