"""The demo authority generator's package: a synthetic council's CareFirst extracts and the
ground truth of the framework's measures computed from them (see scripts/generate_demo.py)."""
