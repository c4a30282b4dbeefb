"""Where analysis batches run: this process, a local process pool, or a Dask cluster."""
