"""SQL storage of State, Activity Profile and Agent Profile documents."""


class SQLDocuments:
    def __init__(self, engine):
        self.engine = engine
