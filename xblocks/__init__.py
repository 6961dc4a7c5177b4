"""Open edX XBlocks (leadership assessment, learning-path tracker): a later issue."""
