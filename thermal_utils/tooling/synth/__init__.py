"""Synthetic thermal frames: physically plausible scenes and the dataset presets."""
