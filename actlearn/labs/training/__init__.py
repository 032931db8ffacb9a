"""Training deep networks: instrumented runs that record what every layer does as it learns."""
