"""Pure xAPI rules: no Flask, no SQL. Everything here is a function of its arguments."""
