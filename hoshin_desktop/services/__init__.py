"""Services: the facade the UI and the command line talk to. No Qt here."""
