"""Screen rules without widgets: each flow holds a screen's states, rules and timeouts; its window is
only the view (tested without Qt)."""
