"""Tests of actlearn.labs, one file per lab module."""
