"""Every ICB in England: the ONS tables (derived), the ODS successions and the 2025 clusters (curated)."""
