// Module Identity.
