"""xAPI for the blocks: statements (built with ``tincan``), a durable outbox with a background
sender, and a reader of learners' statements. Reaches the LRS only over xAPI HTTP."""
