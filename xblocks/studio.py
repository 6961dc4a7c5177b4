"""Studio editing shared by both blocks: a form described by the block, validated on save."""

from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError
from xblock.validation import ValidationMessage

from .errors import AuthorInputError
from .validation import validate


class StudioEditingMixin:
    """The block provides ``studio_fields()`` (form description) and ``studio_schema()``."""

    def studio_view(self, context=None):
        fields = self.studio_fields()
        for field in fields:
            field.setdefault("value", getattr(self, field["name"]))
            field.setdefault("help", "")
        return self.fragment("studio.html", "LeadershipStudioEditor", fields=fields,
                             block_title=self.display_name)

    def coerce_studio_values(self, data):
        """Author input, by field kind, before validation (lists stay lists, text is stripped)."""
        values = {}
        for field in self.studio_fields():
            raw = data.get(field["name"])
            if field["kind"] == "checkboxes":
                values[field["name"]] = raw if isinstance(raw, list) else []
            elif isinstance(raw, str):
                values[field["name"]] = raw.strip()
            else:
                values[field["name"]] = raw
        return values

    def validate(self):
        """Studio's warning box: the same rules as the form, on the saved values (e.g. after an
        OLX import, or when the catalogue lost a path)."""
        validation = super().validate()
        values = {field["name"]: getattr(self, field["name"]) for field in self.studio_fields()}
        try:
            validate(values, self.studio_schema(), self.gettext)
        except AuthorInputError as exc:
            labels = {field["name"]: field["label"] for field in self.studio_fields()}
            for field, message in exc.errors:
                validation.add(ValidationMessage(ValidationMessage.ERROR,
                                                 f"{labels[field]}: {message}"))
        return validation

    @XBlock.json_handler
    def studio_submit(self, data, suffix=""):
        if not isinstance(data, dict):
            raise JsonHandlerError(400, self.gettext("Send the form's fields as a JSON object."))
        values = self.coerce_studio_values(data)
        try:
            validate(values, self.studio_schema(), self.gettext)
        except AuthorInputError as exc:
            return {"result": "error",
                    "errors": [{"field": field, "message": message}
                               for field, message in exc.errors]}
        for name, value in values.items():
            setattr(self, name, value)
        return {"result": "success"}
