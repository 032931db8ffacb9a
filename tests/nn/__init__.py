"""Tests of actlearn.nn, one file per concept."""
