"""Project tooling: the offline JupyterLite build and the browser kit shared by tests and benchmarks."""
