"""Calma train package."""
