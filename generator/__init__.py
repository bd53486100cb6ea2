"""Turns the curated facts in data/ into the Markdown pages of the NHS structures explainer."""
