"""Calma: retrain, evaluate and serve a counseling chatbot, honestly and safely."""

from calma.config import CalmaConfig, load_config
from calma.errors import CalmaError

__version__ = "0.1.0"
__all__ = ["CalmaConfig", "CalmaError", "load_config", "__version__"]
