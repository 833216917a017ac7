"""Calma serve package."""
