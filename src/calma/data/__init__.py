"""Calma data package."""
