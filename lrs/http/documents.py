"""State, Activity Profile and Agent Profile resources (filled in by the documents work)."""

from flask import Blueprint

blueprint = Blueprint("documents", __name__)
