"""Calma evaluate package."""
