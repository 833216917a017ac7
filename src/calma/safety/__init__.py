"""Calma safety package."""
