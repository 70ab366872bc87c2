"""The repeat-pattern rule kinds: how each validates its parameters (definitions) and how
each is evaluated over the whole history as one set-based query (evaluate)."""
