// Module Guardrails.
