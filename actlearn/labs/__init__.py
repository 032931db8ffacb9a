"""The experiments behind each lesson, one module or sub-package per topic."""
