"""Accessibility (axe-core) and front-end weight (Lighthouse) audits of the served pages."""
