"""Pieces every screen shares: the background-op helper, error words, device signals, widgets."""
