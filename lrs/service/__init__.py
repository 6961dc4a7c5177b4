"""Service functions: the xAPI behaviour, between the HTTP layer and the storage interface."""
