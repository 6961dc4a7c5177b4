"""Open edX XBlocks: the leadership assessment and the learning-path tracker (see README.md).

Block classes live in ``assessment_block`` and ``path_block`` (entry points ``xblock.v1``);
imported lazily by the runtime so this package imports cheaply."""
