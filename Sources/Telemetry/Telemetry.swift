// Module Telemetry.
