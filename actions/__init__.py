"""Custom actions of Infopunt Mensenhandel, one module per topic (run by the rasa-sdk action server)."""
