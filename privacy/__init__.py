"""Conversation retention and deletion in Rasa's SQL tracker store (Rasa Open Source has no delete API)."""
