"""Lesson 10, attention: :mod:`.sentence` (a toy sentence with hand-made features and a causal
mask) and :mod:`.scaling` (why scores are divided by √d_k: their variance and the softmax
spread)."""
