"""The visitorcs wire contract that the kiosk and the bundled server both import, and which
imports neither: paths, statuses and code types, the envelope and wire models, errors, the
QR token format, the operator login proof, masking rules for personal data, one HTTP client."""
