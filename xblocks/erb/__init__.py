"""Open edX plugin (``lms.djangoapp``) for instances running event-routing-backends: registers
xAPI transformers for the blocks' tracking events and allows those events through its filters.

Use it instead of the blocks' own sender: leave ``LRS_ENDPOINT`` unset in the blocks' settings
and let event-routing-backends route ``xblocks.events.EVENTS`` to its configured LRSs.
"""
