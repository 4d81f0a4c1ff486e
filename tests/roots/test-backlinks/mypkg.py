"""A package the posts write about."""


def fit(data):
    """Fit a model to ``data``."""


class Model:
    """A fitted model."""

    def predict(self, value):
        """Predict from ``value``."""


def unused():
    """No post cites this."""
