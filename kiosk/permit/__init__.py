"""Visitor permits (访客单): the phConfig template and the renderer shared by preview and printer."""

from kiosk.permit.render import paper_width, png_bytes, render_permit, wrap
from kiosk.permit.template import (
    ALL_KEYS,
    DEFAULT_TEMPLATE,
    PermitTemplate,
    PhItem,
    format_java_date,
    format_value,
    parse_time,
)

__all__ = [
    "ALL_KEYS",
    "DEFAULT_TEMPLATE",
    "PermitTemplate",
    "PhItem",
    "format_java_date",
    "format_value",
    "paper_width",
    "parse_time",
    "png_bytes",
    "render_permit",
    "wrap",
]
