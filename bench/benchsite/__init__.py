"""The benchmark's own site: the product's settings and URLs plus a hello-world floor view."""
