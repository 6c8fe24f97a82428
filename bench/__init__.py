"""Benchmarks and the synthetic article generator they use."""
