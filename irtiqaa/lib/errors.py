class EditConflict(Exception):
    """Someone else saved the same record since this edit began (optimistic locking)."""
